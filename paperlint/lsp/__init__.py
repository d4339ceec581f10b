"""The language server (``paperlint server``, extra ``paperlint[lsp]``): paperlint in the editor.

 - project.py  which paper a .tex file belongs to
 - session.py  the papers, their last check, the caches that make a re-check cheap
 - convert.py  results as LSP values (positions, diagnostics, hover text)
 - actions.py  code actions: the findings' fixes
 - server.py   the pygls wiring (the only module that speaks the protocol)
"""
