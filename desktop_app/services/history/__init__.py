"""History imports: LinkedIn exports, mbox mailboxes and calendars read into interactions."""
