"""copydesk in the editor: `copydesk lsp`, a language server over standard input and output.

It checks each open draft as the writer types, in process, through the library API
(`lint.api.Checker`): the config, packs, registry and house choices found from the draft's
folder as `copydesk check` finds them, the other drafts of the workspace for the cross-draft
rules, and the same filter step. It publishes findings as diagnostics, offers the rules' fixes,
"Ignore this finding on this line" and "Fix all safe findings" as code actions, and shows a
rule's description and examples on hover. `positions` converts copydesk's code-point columns
to the client's position encoding, `desk` holds checkers and workspace drafts, `diagnostics`,
`actions` and `hover` build the protocol's answers and `server` wires them to pygls (the
optional extra `copydesk[lsp]`).
"""
