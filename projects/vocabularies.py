"""The fixed vocabularies of projects, in DESIGN.md's order, and the older DSI4EU names.

The data migrations seed the tables with these values (they copy them, as migrations must);
the importer reads `canonical()` to turn a 2013–2017 name into today's.
"""

DSI_FOCUS = [
    (
        "Open hardware",
        "Designing, making and sharing open hardware, from sensors to 3D printers, to tackle "
        "social challenges",
    ),
    (
        "Open networks",
        "Building and using open, distributed networks and infrastructure that people own and "
        "run together to tackle social challenges",
    ),
    ("Open data", "Capturing, sharing, analysing and using open data to tackle social challenges"),
    (
        "Open knowledge",
        "Creating, sharing and using open knowledge and collective intelligence to tackle social "
        "challenges",
    ),
]

AREAS_OF_IMPACT = [
    "Health and care",
    "Skills and learning",
    "Food, environment and climate change",
    "Migration and integration",
    "Digital democracy",
    "Cities and urban development",
    "Work and employment",
    "Culture and arts",
    "Science",
    "Finance and economy",
]

TECHNOLOGIES = [
    "Social networks and social media",
    "Crowdsourcing, crowdmapping and crowdfunding",
    "Open data",
    "Mobile and web apps",
    "Open-source technologies",
    "Peer-to-peer networks",
    "Online learning and MOOCs",
    "Online marketplaces and noticeboards",
    "Big data",
    "Sensors and internet of things",
    "Geotagging, GPS and GIS",
    "Digital fabrication and 3D-printing",
    "Wearables and personal monitoring",
    "AI and machine learning",
    "Digital democracy tools",
    "Blockchain and distributed networks",
    "Robotics",
    "VR and AR",
]

# Names digitalsocial.eu used before today's vocabularies (DESIGN.md).
OLDER_AREAS_OF_IMPACT = {
    "Health and wellbeing": "Health and care",
    "Education and skills": "Skills and learning",
    "Energy and environment": "Food, environment and climate change",
    "Participation and democracy": "Digital democracy",
    "Neighbourhood regeneration": "Cities and urban development",
}
OLDER_TECHNOLOGIES = {
    "Artificial intelligence and machine learning": "AI and machine learning",
}

FOCUS = "focus"
AREA_OF_IMPACT = "area_of_impact"
TECHNOLOGY = "technology"

_NAMES = {
    FOCUS: {name.casefold(): name for name, _ in DSI_FOCUS},
    AREA_OF_IMPACT: {name.casefold(): name for name in AREAS_OF_IMPACT}
    | {old.casefold(): new for old, new in OLDER_AREAS_OF_IMPACT.items()},
    TECHNOLOGY: {name.casefold(): name for name in TECHNOLOGIES}
    | {old.casefold(): new for old, new in OLDER_TECHNOLOGIES.items()},
}


def canonical(kind, name):
    """Today's name for `name` in the vocabulary `kind` (old names mapped, any letter case),
    or None when it is not part of that vocabulary (the importer keeps it as a free tag)."""
    return _NAMES[kind].get(" ".join(str(name or "").split()).casefold())
