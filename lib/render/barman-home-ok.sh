# shellcheck shell=sh
[ -x /usr/bin/barman ] || exit 1
[ -d @BARMAN_HOME@ ] || exit 1
exit 0
