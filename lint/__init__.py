"""copydesk: an editorial copy-desk linter for news drafts."""

__version__ = "0.1.0"
