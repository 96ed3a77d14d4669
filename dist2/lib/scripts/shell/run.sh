# shellcheck shell=sh
# The last line of the host program: the step this run is for, a function above and its arguments.
"$@"
