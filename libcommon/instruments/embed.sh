#!/bin/sh
# embed.sh FILE.json... - write a C file that holds each instrument
# definition as a byte array, for the library to parse at run time
# (samv_builtin_instruments).  POSIX od and sed only: no new dependency.
set -eu
echo '/* Generated from libcommon/instruments by embed.sh; do not edit. */'
echo '#include "samv.h"'
n=0
for f in "$@"; do
	echo "static const char instrument_$n[] = {"
	od -An -v -tx1 "$f" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g; s/^/\t/'
	echo "	0x00"
	echo "};"
	n=$((n + 1))
done
echo 'const struct samv_builtin samv_builtin_instruments[] = {'
n=0
for f in "$@"; do
	name=$(basename "$f" .json)
	echo "	{ \"$name\", instrument_$n, sizeof(instrument_$n) - 1 },"
	n=$((n + 1))
done
echo '	{ NULL, NULL, 0 }'
echo '};'
