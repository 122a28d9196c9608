"""Reads on events: lists for the public calendar and sign-in pages, figures and coverage."""
