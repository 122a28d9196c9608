"""The council's pages, thin: access first, then a selector or a service."""
