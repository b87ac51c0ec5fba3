"""What every area stands on: calendar, money, names, dates, errors, settings, access and personal data, mail,
uploads, exports and the one page layout of documents. Imports no area and no engine."""
