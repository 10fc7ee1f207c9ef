"""Fixes: the edits a finding carries, and applying them to drafts without losing a word or a paragraph break."""
