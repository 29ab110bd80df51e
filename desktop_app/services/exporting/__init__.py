"""Writing the network out: contacts as vCard 4.0 / 3.0 and CSV, the whole network as JSON,
follow-ups as iCalendar, a checklist as text."""
