#!/usr/bin/env bash
# A person's own password for the server's sign-in without an identity provider (install.sh --local-sign-in):
#
#   sudo deploy/password.sh ivanova@oiro.ru            asks for the new password twice, sets or replaces it
#   sudo deploy/password.sh ivanova@oiro.ru --remove   she can no longer sign in
#   sudo deploy/password.sh --list                     who has a password (not what it is)
#
# The name is the e-mail on «Пользователи» (the role comes from there, as with any sign-in). Passwords are kept
# as salted SHA-512 hashes (openssl passwd -6) in /etc/edudesk/users.htpasswd, which nginx reads; nobody, the
# administrator included, can read a password back — a forgotten one is replaced. Each person has their own:
# no password is shared. --password-stdin reads it from standard input instead of asking (scripts, tests);
# --root DIR works on DIR/etc/edudesk (what install.sh --render-only --root DIR laid out).
set -euo pipefail

die() { echo "Ошибка: $*" >&2; exit 1; }
EMAIL="" REMOVE="" LIST="" ROOT="" FROM_STDIN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --remove) REMOVE=1 ;;
    --list) LIST=1 ;;
    --root) ROOT=$2; shift ;;
    --password-stdin) FROM_STDIN=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "неизвестный параметр $1 (deploy/password.sh --help)." ;;
    *) EMAIL=$1 ;;
  esac
  shift
done
FILE=$ROOT/etc/edudesk/users.htpasswd
[ -n "$ROOT" ] || [ "$(id -u)" = 0 ] || die "запускайте через sudo: файл паролей читает только nginx."
[ -e "$FILE" ] || die "нет $FILE: вход по паролям не включён (deploy/install.sh --local-sign-in)."
if [ -n "$LIST" ]; then
  cut -d: -f1 "$FILE"
  exit 0
fi
[ -n "$EMAIL" ] || die "укажите e-mail человека с листа «Пользователи» (deploy/password.sh --help)."
[[ "$EMAIL" =~ ^[^[:space:]:@]+@[^[:space:]:@]+$ ]] || die "«$EMAIL» — не e-mail: входят по адресу с листа «Пользователи»."
EMAIL=${EMAIL,,}  # roles are found by the address regardless of case: so is the name nginx accepts

exec 9>>"$FILE.lock"
flock 9  # two administrators at once: one file, written whole, one after the other
# the whole name compared, not a part of the line: «a@x.ru» must not take «ba@x.ru»'s line with it
others=$(awk -F: -v email="$EMAIL" 'NF && tolower($1) != email' "$FILE")

if [ -n "$REMOVE" ]; then
  awk -F: -v email="$EMAIL" 'tolower($1) == email {found = 1} END {exit !found}' "$FILE" || die "у $EMAIL пароля нет."
  line=""
else
  if [ -n "$FROM_STDIN" ]; then
    IFS= read -r password || true
  else
    IFS= read -r -s -p "Новый пароль для $EMAIL: " password; echo
    IFS= read -r -s -p "Ещё раз: " again; echo
    [ "$password" = "$again" ] || die "пароли не совпали; ничего не изменено."
  fi
  [ "${#password}" -ge 10 ] || die "пароль короче 10 знаков; ничего не изменено."
  [ "${password,,}" != "$EMAIL" ] || die "пароль совпадает с адресом; ничего не изменено."
  line="$EMAIL:$(printf '%s' "$password" | openssl passwd -6 -stdin)"
fi

new=$(mktemp "$FILE.XXXXXX")
{ [ -z "$others" ] || printf '%s\n' "$others"; [ -z "$line" ] || printf '%s\n' "$line"; } > "$new"
chmod --reference="$FILE" "$new"
[ "$(id -u)" != 0 ] || chown --reference="$FILE" "$new"
mv "$new" "$FILE"  # nginx reads the file on each request: it sees the old one or the new one, never half
if [ -n "$REMOVE" ]; then echo "Пароль $EMAIL удалён: войти он(а) больше не может."; else echo "Пароль $EMAIL задан."; fi
