"""Invented documents about invented attacks, written for the event tests (issue #16).

Real places, invented events, outlets and people. Three outlets report one suicide bombing in
Turbat (Kech district, Balochistan) on Tuesday 4 March 2025 with different tolls; a
condemnation the day after; a minister names the town but not the attack; an assault in
Lakki Marwat draws no reaction; an unrelated remark names Turbat in the same week.
"""

import datetime as dt

TUESDAY = dt.date(2025, 3, 4)

LEDGER = (  # published Wednesday 5 March
    "Police checkpoint bombed in Turbat\n\n"
    "TURBAT: A suicide bomber rammed an explosives-laden car into a police checkpoint in Turbat "
    "on Tuesday, killing at least 11 policemen and wounding 19 others, officials said.\n\n"
    "The district police chief said the attacker struck shortly after the morning shift "
    "changed at the post.\n\n"
    "The Balochistan Liberation Army claimed responsibility for the attack in a message sent "
    "to reporters.\n\n"
    "Traders in the main bazaar pulled down their shutters for the rest of the day.\n"
)

WIRE = (  # published Wednesday 5 March
    "Toll rises after car bomb hits police in Kech\n\n"
    "QUETTA, March 5 - The death toll rose to 14 after a suicide car bombing at a police post "
    "in Kech district on Tuesday, a hospital official told reporters.\n\n"
    "Police said 23 people were injured in the blast in Turbat.\n\n"
    "Balochistan has seen a string of assaults on the security forces this winter.\n"
)

MERIDIAN = (  # published Thursday 6 March
    "Turbat mourns its policemen\n\n"
    "Funerals were held on Wednesday for the policemen killed in Tuesday's bombing in Turbat.\n\n"
    "The provincial government put the toll at 12 dead and 21 injured in a statement.\n"
)

CONDEMNATION = (  # published Wednesday 5 March
    "US condemns Turbat bombing\n\n"
    "WASHINGTON: The State Department on Wednesday condemned the suicide bombing in Turbat.\n\n"
    "\u201cWe condemn this cowardly attack on police officers in Balochistan and offer our "
    "condolences to their families,\u201d department spokesperson Marla Quinn said in a "
    "statement.\n"
)

MINISTER = (  # published Thursday 6 March; names the town, not the attack
    "Security review ordered for Makran\n\n"
    "ISLAMABAD: Interior Minister Saleem Qazi said on Thursday that the families of the "
    "martyred policemen of Turbat would be compensated by the federal government.\n"
)

TRADE = (  # published Friday 7 March; names the town for another reason
    "Date exporters meet in Turbat\n\n"
    "KARACHI: Commerce Secretary Nadia Farooqi said on Friday that a date fair in Turbat next "
    "month would bring buyers from the Gulf.\n"
)

LAKKI = (  # published Sunday 9 March; an attack nobody reacts to
    "Gunmen storm police station in Lakki Marwat\n\n"
    "LAKKI MARWAT: Gunmen stormed a police station in Lakki Marwat on Saturday night, killing "
    "three constables, police said.\n\n"
    "Two of the attackers were killed in the exchange of fire that followed.\n"
)

PUBLISHED = {
    "LEDGER": dt.date(2025, 3, 5),
    "WIRE": dt.date(2025, 3, 5),
    "MERIDIAN": dt.date(2025, 3, 6),
    "CONDEMNATION": dt.date(2025, 3, 5),
    "MINISTER": dt.date(2025, 3, 6),
    "TRADE": dt.date(2025, 3, 7),
    "LAKKI": dt.date(2025, 3, 9),
}
