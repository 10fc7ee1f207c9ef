"""Reading drafts: decoding bytes, finding drafts under a folder, the formats (plain text, Markdown, HTML) and the document model every rule reads."""
