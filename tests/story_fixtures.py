"""Invented articles for the story tests: two events in one country on one day, each told by
two outlets in their own words, and an article of its own."""

from __future__ import annotations

from tui.core.ingest.loader import parse_article
from tui.core.model import Corpus

QUAKE_1 = """A magnitude 7.1 earthquake struck off the coast of Valparaíso before dawn on \
Saturday, killing at least 14 people, Chile's disaster agency Senapred said.

The quake hit at 3:40 a.m. at a depth of 35 kilometres, and the navy briefly ordered the \
coast evacuated.

Interior Minister Carolina Tohá said 230 homes were destroyed in the port city and in Viña \
del Mar, where rescue teams searched collapsed buildings.

President Gabriel Boric declared a state of catastrophe in the Valparaíso region and sent \
troops to help with the rescue."""

QUAKE_2 = """At least 14 people died when a powerful 7.1 tremor shook central Chile on \
Saturday morning, according to Senapred.

Centred 35 km beneath the seabed off Valparaíso, it flattened 230 houses, Carolina Tohá told \
reporters in Santiago.

Firefighters dug through rubble in Viña del Mar for hours.

Boric announced a state of catastrophe for the region, and soldiers were deployed to the \
worst-hit towns."""

VOTE_1 = """Chileans voted on Saturday in a referendum on a new constitution drafted by the \
Constitutional Council.

Turnout reached 62 percent with 98 percent of ballots counted, the electoral service Servel \
said.

The option against the draft led with 55.8 percent of the vote.

Opposition leader José Antonio Kast conceded defeat at his campaign headquarters.

It was the second draft rejected by voters since 2022."""

VOTE_2 = """Voters in Chile turned down the proposed charter on Saturday, the second text \
they have rejected since 2022.

With 98 percent counted, Servel reported 55.8 percent against and 44.2 percent in favour.

Kast acknowledged the result in a short speech to supporters.

Participation stood at 62 percent, officials said."""

FOOTBALL = """Real Oviedo beat Racing de Ferrol 3-1 on Sunday to climb into the promotion \
places of the Spanish second division.

Santi Cazorla scored a free kick in the 58th minute, his fourth goal of the season.

Coach Luis Carrión praised the crowd of 21,000 at the Carlos Tartiere."""


def article(aid: str, outlet: str, date: str | None, title: str, body: str):
    head = f"---\ntitle: {title}\noutlet: {outlet}\n" + (f"date: {date}\n" if date else "")
    return parse_article(head + "---\n\n" + body + "\n", id=aid)


def two_events() -> Corpus:
    """Four articles of two events in Chile on the same day, and one on football."""
    return Corpus(root="invented", articles=(
        article("quake-andes", "Andes Daily", "2024-03-02", "Deadly quake hits Valparaíso",
                QUAKE_1),
        article("vote-andes", "Andes Daily", "2024-03-02", "Chile votes on a new constitution",
                VOTE_1),
        article("quake-pacific", "Pacific Wire", "2024-03-02",
                "Earthquake kills 14 in central Chile", QUAKE_2),
        article("vote-pacific", "Pacific Wire", "2024-03-03", "Chileans reject charter again",
                VOTE_2),
        article("football", "Iberia Sport", "2024-03-03", "Oviedo climb into promotion places",
                FOOTBALL),
    ))

QUAKE_LATER = """Two months after the 7.1 earthquake that killed 14 people around Valparaíso, \
families in Viña del Mar are still living in tents.

Only 40 of the 230 destroyed homes have been rebuilt, Carolina Tohá told the Senate on \
Tuesday, blaming delays in the payment of subsidies.

Boric promised on a visit to the port that every family would have a new house by the end \
of the year."""
