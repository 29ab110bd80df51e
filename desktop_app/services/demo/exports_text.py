"""Words for the sample exports: subjects, message bodies, event titles. Some carry
commas, quotes and several lines on purpose: the files must quote them like the real ones."""

MAIL_SUBJECTS = (
    "Coffee next week?",
    "Intro: two people you should meet",
    "Your resume, with my notes",
    "Following up on the meetup",
    "Question about the data team",
    "Thanks for yesterday",
    "Slides from the talk",
    "Quick question, if you have a minute",
    "Referral for the analyst role",
    "Catching up",
    'The "hiring freeze" rumour',
    "Notes from our call",
    "Ideas for the Zürich meetup",
)
MAIL_BODIES = (
    "Hi {first},\n\nGreat to see you at the meetup. Would you have time for a coffee next week?\n",
    "Hi {first},\n\nThanks for the notes, they help a lot. I rewrote the summary, see below.\n",
    "Hello {first},\n\nFrom what I heard, the team is hiring again in spring. Worth a chat?\n",
    "{first},\n\nAttached are the slides. The part on onboarding starts at slide 12.\n",
    "Hi {first},\n\nI'd love to hear how you moved into product; 20 minutes, your pick of day.\n",
    'Hi {first},\n\nHere is the link I mentioned: "The Manager\'s Path", chapter 3.\n',
    "Dear {first},\n\nThank you for the introduction, we have a call on Thursday.\n",
)
# Lines that begin "From " in a body: mboxrd writes them as ">From ".
FROM_LINES = (
    "From the notes I took: ask about the on-call rotation.",
    "From Monday I am on holiday for two weeks.",
)
REPLIES = (
    "Sounds good, Tuesday works for me.",
    "Thanks! I'll take a look tonight.",
    "Yes, happy to help, send it over.",
    "Sorry for the slow reply, busy week. Next Friday?",
    "Perfect, see you then.",
)
SIGNATURES = ("Best,\n{name}", "Thanks,\n{name}", "Cheers,\n{name}", "-- \n{name}")

NEWSLETTERS = (
    (
        "The Lattice Letter",
        "newsletter",
        "lattice-media",
        "Five ways to ask for a referral",
    ),
    ("Meridian Weekly", "news", "meridian-media", "Meridian Weekly: hiring trends in Q3"),
    ("Beacon Meetups", "events", "beacon-meetups", "New events near you this month"),
)
NO_REPLY = (
    ("Kestrel Bank", "no-reply", "kestrel-bank", "Your statement is ready"),
    ("Orbit Jobs", "noreply", "orbit-jobs", "12 new jobs match your search"),
    ("Harbor Travel", "donotreply", "harbor-travel", "Your booking confirmation"),
)

LINKEDIN_OPENERS = (
    "Hi {first}, thanks for connecting!",
    "Hi {first},\nI saw your post about the meetup, great write-up.",
    'Hey {first}, quick question: is the "Senior Analyst" role still open?',
    "Hello {first},\n\nWould you be open to a short call? I'm exploring a move into {org}.",
    "Hi {first}, congrats on the new role at {org}!",
)
LINKEDIN_REPLIES = (
    "Thanks, {first}!",
    "Sure, happy to. How about Thursday, 3pm?",
    "Yes, it's open. Apply and mention my name, I'll flag it with the \"hiring\" team.",
    "Sounds good.\nI'll send a calendar invite.",
    "Thank you, that means a lot.",
    "Let me check with my manager, and I'll get back to you.",
)
GROUP_TITLES = ("Meetup organisers", "Book club, autumn", "Hackathon team")
SYSTEM_CONTENT = (
    "This message was sent by a member who has since left LinkedIn.",
    "Hi, I came across your profile and thought you'd be a great fit.",
)
SPONSORED = (
    ("Vantage Partners", "Grow your career with an MBA, information session on Thursday"),
    ("Umber Software", "Try our platform free for 30 days"),
)
INVITATION_MESSAGES = (
    "Hi, we met at the meetup last week, I'd like to stay in touch.",
    'Hello! I enjoyed your talk, "Data for everyone", and would love to connect.',
    "Hi,\nI'm moving into product too, would be great to swap notes.",
)
SKILLS = ("Python", "SQL", "Stakeholder Management", "Data Analysis", "Public Speaking")
COURSES = (
    ("Negotiation Foundations", "Course"),
    ("Learning Python", "Course"),
    ("Leading Without Authority", "Video"),
)

EVENT_TITLES = (
    "Coffee with {first}",
    "Call: {first} / {me}",
    "Intro call with {first}",
    "Lunch",
    "Resume review",
    "Informational interview, {org}",
    "Mock interview",
)
GROUP_EVENTS = ("Project sync", "Design review", "Meetup planning", "Book club")
DESCRIPTIONS = (
    "",
    "Agenda:\n- where we are\n- next steps, owners",
    "Let's meet at the café on Main St; I'll grab a table.",
)
