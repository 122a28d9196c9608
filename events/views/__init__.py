"""Pages of events: public (calendar, registration, ICS) and sign-in (manage, report, classes)."""
