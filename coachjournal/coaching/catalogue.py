"""The built-in catalogues the development screens offer: sales-manager skills and motivators.

They are suggestions, not a closed list: a manager's skills and motivators are stored as the
text the executive chose, so a custom one ("Negotiating with procurement") is as good as a
catalogue entry, and renaming an entry here never rewrites a journal. The labels are sentence
case, as the sample team (``resources/sample/development.json``) stores them, so a sample
manager's skills match the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: What a sales manager is good at or must get better at, with a line that says what it covers.
SKILL_HINTS: Mapping[str, str] = MappingProxyType(
    {
        "Coaching reps": "Call reviews, feedback, letting reps find the answer themselves",
        "Hiring": "Finding, interviewing and choosing reps who ramp fast",
        "Forecasting": "Calling the number and inspecting deals with evidence",
        "Pipeline management": "Coverage, prospecting habits and a clean, current pipeline",
        "Deal strategy": "Mapping buying committees, qualifying, knowing when to walk away",
        "Running team meetings": "Meetings the team finds worth their time",
        "Customer relationships": "Executive relationships and trust in the key accounts",
        "Business acumen": "Margins, the customer's business, thinking like an owner",
        "Developing people": "Growing reps into senior sellers and future managers",
        "Time and priority management": "Protecting time for what matters most",
    }
)
SKILLS: tuple[str, ...] = tuple(SKILL_HINTS)

#: What drives a manager, with a line that helps the executive recognise it.
MOTIVATOR_HINTS: Mapping[str, str] = MappingProxyType(
    {
        "Recognition": "Being seen and thanked for good work, in private or in public",
        "Money and incentives": "Commission, bonuses, the numbers on the pay slip",
        "Career advancement": "The next role, a bigger team, a path upwards",
        "Autonomy": "Room to decide how to run the team",
        "Mastery and learning": "Getting better at the craft, new skills, hard problems",
        "Belonging and team": "Being part of a close team they are proud of",
        "Competition and winning": "Beating the number, the competitor, the other regions",
        "Purpose and customer impact": "Making a difference for customers",
        "Security": "Stability, predictability, a safe place to work",
        "Flexibility": "Control over when and where they work",
    }
)
MOTIVATORS: tuple[str, ...] = tuple(MOTIVATOR_HINTS)
