"""The engine every area uses: typed reading of tabs, findings, the checks engine and its registry, the form and edit
engine, the journal and the «Проверка» tab. Imports no area: areas register their rules here."""
