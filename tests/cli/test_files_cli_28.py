"""`edudesk files`: who lacks what for the order, and consent marked received for the whole group."""

from __future__ import annotations

from core.cli import main
from core.store import XlsxStore


def test_show_then_receive_consent_for_the_group(workbook_copy, capsys, monkeypatch):
    code = XlsxStore(workbook_copy).read(["Группы"]).tabs["Группы"].as_dicts()[-1]["Код группы"]
    monkeypatch.setenv("EDUDESK_USER", "metodist@oiro.example.ru")
    base = ["--workbook", str(workbook_copy), "files"]
    assert main([*base, "show", code]) == 1
    out = capsys.readouterr().out
    assert "согласие на обработку ПДн" in out and f"Группа {code}: личные дела неполны у 3" in out
    def files():
        return {f["ID слушателя"]: f for f in XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"].as_dicts()}

    before = files()
    assert main([*base, "receive", code, "consent", "--date", "2026-11-20", "--electronic"]) == 0
    assert "отмечено у 1 слушателей" in capsys.readouterr().out
    after = files()
    changed = [i for i in after if after[i] != before[i]]
    assert len(changed) == 1 and not before[changed[0]]["Согласие на обработку ПДн получено"]
    assert str(after[changed[0]]["Согласие на обработку ПДн получено"]) == "2026-11-20"
    assert after[changed[0]]["Форма согласия"] == "электронная"
    assert main([*base, "show", code]) == 1
    assert "неполны у 2" in capsys.readouterr().out
    monkeypatch.setenv("EDUDESK_USER", "viewer@oiro.example.ru")
    assert main([*base, "receive", code, "contract"]) == 2


def test_withdraw_stops_showing_the_persons_data(workbook_copy, capsys, monkeypatch):
    tabs = XlsxStore(workbook_copy).read(["Слушатели", "Заявки"]).tabs
    person = tabs["Слушатели"].as_dicts()[0]
    snils = next(r["СНИЛС"] for r in tabs["Заявки"].as_dicts() if r["№ заявки"] == person["№ заявки"])
    base = ["--workbook", str(workbook_copy)]
    assert main([*base, "files", "withdraw", person["ID слушателя"], "--date", "2026-11-20"]) == 0
    assert "отзыв согласия записан" in capsys.readouterr().out
    assert main([*base, "check", "--tab", "Заявки"]) in (0, 1)
    assert snils not in capsys.readouterr().out
    assert main([*base, "files", "withdraw", person["ID слушателя"]]) == 2
    assert "уже отмечен" in capsys.readouterr().err
