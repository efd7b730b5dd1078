"""SENDIASS pages, one module a page family: thin views that check SENDIASS staff access,
call a selector or service and render. Views log nothing about people: ids only, and only
through the access log."""
