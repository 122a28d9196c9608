"""Execution pages: thin views over reporting's access, selectors and services."""
