"""The demo's listeners' files (000 §1.7–1.8): complete for every group, but for three listeners of the last group,
whose order is still ahead — no consent, an unsigned contract, and no higher or vocational education (ADM-EDUCATION;
the order for that group names all three)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

Rows = dict[str, list[dict[str, Any]]]


def files(rows: Rows, today: date, seed: int = 2026) -> list[dict]:
    rnd = random.Random(seed)  # a stream of its own: the rest of the demo stays as it was
    starts = {g["Код группы"]: g["Дата начала"] for g in rows["Группы"]}
    out, seen = [], set()
    for listener in rows["Слушатели"]:
        if listener["ID слушателя"] in seen:
            continue  # the demo's duplicated ID (GEN-KEY): one file per ID
        seen.add(listener["ID слушателя"])
        start = starts.get(listener["Код группы"]) or today
        received = min(start - timedelta(days=rnd.randint(5, 10)), today - timedelta(days=rnd.randint(1, 3)))
        level = "ВО" if rnd.random() < 0.8 else "СПО"
        out.append({"ID слушателя": listener["ID слушателя"], "Согласие на обработку ПДн получено": received,
                    "Форма согласия": "на бумаге" if rnd.random() < 0.7 else "электронная",
                    "Договор №": f"Д-{listener['ID слушателя'][2:]}", "Дата договора": received,
                    "Договор подписан": "да", "Уровень образования": level,
                    "Фамилия в документе об образовании": listener["ФИО"].split(" ")[0],
                    "Серия документа об образовании": f"{rnd.randint(10, 99)}{rnd.randint(10, 99)}",
                    "Номер документа об образовании": f"{rnd.randint(1_000_000, 9_999_999)}",
                    "Дата выдачи документа об образовании": date(rnd.randint(1985, 2012), rnd.randint(1, 12),
                                                                   rnd.randint(1, 28))})
    last = rows["Группы"][-1]["Код группы"]
    group_of = {x["ID слушателя"]: x["Код группы"] for x in rows["Слушатели"]}
    planted = [f for f in out if group_of[f["ID слушателя"]] == last][:3]
    if len(planted) == 3:
        planted[0].update({"Согласие на обработку ПДн получено": None, "Форма согласия": None})
        planted[1].update({"Договор подписан": None})
        planted[2].update({"Уровень образования": "нет", "Фамилия в документе об образовании": None,
                           "Серия документа об образовании": None, "Номер документа об образовании": None,
                           "Дата выдачи документа об образовании": None})
    return out
