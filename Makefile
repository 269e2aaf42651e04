# samv - see README.md.  Targets:
#   make              build every command into $(BUILD)/bin
#   make check        unit tests, CLI tests, schemas, man pages, completions, install,
#                     the README's tour and the man pages' EXAMPLES (check-docs)
#                     (make check-cli T=t0800 runs only tests/cli/t0800*.sh)
#   make check-asan   the same tests and check-html under AddressSanitizer + UBSan
#   make check-valgrind   the CLI tests with every command under valgrind
#   make fuzz         the libFuzzer harnesses of tests/fuzz, FUZZ_SECONDS each
#                     (make fuzz-smoke: FUZZ_SMOKE_SECONDS each, for CI)
#   make check-html   samv-report's HTML pages checked in headless Chromium
#   make torture      500 writes killed with SIGKILL at random moments, each followed
#                     by the next command; fails unless nothing is corrupt, stuck or
#                     half-applied (TORTURE_KILLS=N for another count; docs/INTEGRITY.md)
#   make demo         install the build dependencies if missing, build, and
#                     build the example collaboration (docs/example)
#   make install / uninstall   honour PREFIX and DESTDIR
#   make bench        every benchmark under bench/, one after the other (long: an hour
#                     and more; not part of make check).  One figure each:
#                     bench-actors (writes and reads of actors), bench-report,
#                     bench-log, bench-sync, bench-readers, bench-verify, bench-write (a write's
#                     CPU against bench/floor.c), bench-index (the index update's
#                     two ways), bench-start (process start), bench-cache,
#                     bench-check (samv-check and the history index on gen-collab)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
LOCALEDIR ?= $(PREFIX)/share/locale

BUILD ?= build
CC ?= cc
PKGS = libgit2 libcjson sqlite3 libcrypto
# The libraries' flags are asked of pkg-config when a recipe first needs them
# (and then kept), not when the Makefile is read: on a fresh machine
# `make demo` installs the libraries first, and flags read at parse time
# would be those of the machine without them.
lazy = $(eval $(1) := $$(shell pkg-config $(2) 2>/dev/null))$($(1))
PKG_CFLAGS = $(call lazy,PKG_CFLAGS,--cflags $(PKGS))
PKG_LIBS = $(call lazy,PKG_LIBS,--libs $(PKGS))
CMOCKA_CFLAGS = $(call lazy,CMOCKA_CFLAGS,--cflags cmocka)
CMOCKA_LIBS = $(call lazy,CMOCKA_LIBS,--libs cmocka)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral -Wpointer-arith -Wvla
CFLAGS ?= -O2 -g
SAN ?=
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN) -Ilibcommon $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
LIBS = $(PKG_LIBS) -lm

LIB_SRC := $(sort $(wildcard libcommon/*.c))
LIB_OBJ := $(LIB_SRC:libcommon/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/instruments-gen.o
INSTRUMENTS := $(sort $(wildcard libcommon/instruments/*.json))
LIB := $(BUILD)/libcommon.a
CMDS := $(sort $(notdir $(basename $(wildcard cmd/*.c))))
BINS := $(CMDS:%=$(BUILD)/bin/%)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNITS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MAN1 := $(sort $(wildcard man/*.1))
MAN5 := $(sort $(wildcard man/*.5))
MAN7 := $(sort $(wildcard man/*.7))
# The Swedish translations, installed under $(MANDIR)/sv for man -L sv.
MAN1_SV := $(sort $(wildcard man/sv/*.1))
MAN5_SV := $(sort $(wildcard man/sv/*.5))
MAN7_SV := $(sort $(wildcard man/sv/*.7))
MAN_SV := $(MAN1_SV) $(MAN5_SV) $(MAN7_SV)

# The message catalogs (gettext): po/LANG.po of the domain samv, compiled
# into $(BUILD)/share/locale beside $(BUILD)/bin, where the commands look
# for them uninstalled (i18n.c).  make pot extracts po/samv.pot.
PO_LANGS := $(sort $(basename $(notdir $(wildcard po/*.po))))
MOS := $(PO_LANGS:%=$(BUILD)/share/locale/%/LC_MESSAGES/samv.mo)
XGETTEXT_OPTS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-by-file \
	--keyword=_ --keyword=N_ --keyword=samv_error_set:2 --keyword=samv_error_setp:2 \
	--keyword=samv_error_git:2 --keyword=samv_problem_add:5 --keyword=samv_problem_addp:5 --keyword=NC_:1c,2 --keyword=samv_msg \
	--flag=samv_error_set:2:c-format --flag=samv_error_setp:2:c-format \
	--flag=samv_problem_add:5:c-format --flag=samv_problem_addp:5:c-format --flag=samv_buf_printf:2:c-format \
	--package-name=samv --package-version=$(shell sed -n 's/^#define SAMV_VERSION "\(.*\)"/\1/p' libcommon/samv.h) \
	--msgid-bugs-address= --copyright-holder=

.PHONY: all check check-unit check-cli check-man check-completion check-schema check-install \
	check-html check-asan check-valgrind check-docs fuzz fuzz-smoke fuzz-build torture demo demo-example \
	deps install uninstall bench bench-actors bench-report bench-sync bench-log bench-readers \
	bench-verify bench-write bench-index bench-start bench-cache bench-check clean pot pot-extract check-po

all: $(BINS) $(MOS)

$(BUILD)/share/locale/%/LC_MESSAGES/samv.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# po/samv.pot from the sources, and each po/LANG.po brought up to it
POT ?= po/samv.pot
pot-extract:
	xgettext $(XGETTEXT_OPTS) -o $(POT) $(sort $(wildcard cmd/*.c libcommon/*.c libcommon/*.h))

pot: pot-extract
	for p in $(wildcard po/*.po); do msgmerge -q --update --backup=none --no-fuzzy-matching $$p po/samv.pot && \
		msgattrib --no-obsolete -o $$p $$p; done

# Every catalog complete: nothing untranslated, nothing fuzzy, and
# po/samv.pot up to date with the sources.
check-po:
	@sh tests/check-po.sh

$(BUILD)/obj/%.o: libcommon/%.c libcommon/*.h | deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in assessment instruments, embedded as data (samv-assess(1)).
$(BUILD)/gen/instruments.c: $(INSTRUMENTS) libcommon/instruments/embed.sh
	@mkdir -p $(@D)
	sh libcommon/instruments/embed.sh $(INSTRUMENTS) >$@.tmp && mv $@.tmp $@

$(BUILD)/obj/instruments-gen.o: $(BUILD)/gen/instruments.c libcommon/samv.h | deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/%: cmd/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) | deps-ok-cmocka
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

# Fail early and clearly when the libraries or the test tools are missing.
.PHONY: deps-ok deps-ok-cmocka check-deps
deps-ok:
	@pkg-config --exists $(PKGS) || { echo "samv: libgit2, cJSON, SQLite or libcrypto not found; run 'make deps' (Debian: apt-get install libgit2-dev libcjson-dev libsqlite3-dev libssl-dev libcmocka-dev pkg-config)" >&2; exit 1; }
deps-ok-cmocka:
	@pkg-config --exists cmocka || { echo "samv: cmocka not found; run 'make deps' (Debian: apt-get install libcmocka-dev)" >&2; exit 1; }
check-deps:
	@sh .ci/deps --check

# Install what the build and the tests need, on Debian, when it is missing.
deps:
	@sh .ci/deps

check: check-deps all check-unit check-cli check-schema check-man check-completion check-install check-docs check-po

check-unit: $(UNITS)
	@sh tests/run-unit.sh $(UNITS)

check-cli: all
	@CC="$(CC) $(SAN)" SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/cli/run.sh

check-schema: all
	@CC="$(CC) $(SAN)" SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-schema.sh

check-man: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-man.sh $(MAN1) $(MAN5) $(MAN7) $(MAN_SV)

# The README's tour and the man pages' EXAMPLES, run as a user would.
check-docs: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-docs.sh README.md $(MAN1) $(MAN5) $(MAN7) $(MAN_SV)

check-install: all
	@sh tests/check-install.sh $(BUILD)

check-completion: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-completion.sh

# samv-report's HTML in headless Chromium (.ci/deps installs it; installed
# from Debian's packages when missing and we may; failing otherwise).  The pages
# and their screenshots are left in $(BUILD)/check-html.
check-html: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) SAMV_HTML_OUT=$(abspath $(BUILD)/check-html) sh tests/check-html.sh

# Every suite of make check, and check-html, with every command, test
# program and tool built by check-schema sanitized, in build/asan.
check-asan:
	LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 $(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		CFLAGS="-O1 -g" check check-html

# The fuzzers: clang's libFuzzer with ASan and UBSan, over the library
# built by clang in build/fuzz; seeds derived from docs/example each run.
FUZZERS := $(sort $(notdir $(basename $(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< tests/fuzz/fuzz.c $(LIB) $(ALL_LDFLAGS) $(LIBS)

fuzz-build: all
	@command -v clang >/dev/null || { echo "samv: clang is not installed (make deps)" >&2; exit 1; }
	@$(MAKE) -s --no-print-directory BUILD=build/fuzz CC=clang SAN="$(FUZZ_SAN)" CFLAGS="-O1 -g" $(FUZZERS:%=build/fuzz/fuzz/%)
	@sh tests/fuzz/seeds.sh $(abspath $(BUILD)/bin) $(abspath build/fuzz/fuzz/seeds)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz/fuzz $(FUZZ_SECONDS) $(FUZZERS)

fuzz-smoke: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz/fuzz $(FUZZ_SMOKE_SECONDS) $(FUZZERS)

check-valgrind: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) SAMV_VALGRIND=1 sh tests/cli/run.sh

TORTURE_KILLS ?= 500
torture: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/torture.sh $(TORTURE_KILLS)

# The dependencies first, then the rest in a make of its own, so that even
# under -j nothing is compiled before they are installed.
demo: deps
	@$(MAKE) --no-print-directory demo-example

demo-example: all
	@sh docs/example/ostergotland.sh $(abspath $(BUILD)/bin) $(BUILD)/demo

# One after the other, never in parallel: each times against the others'
# absence.  bench-cache is the query cache's (bench/cache.sh).
bench: all
	@$(MAKE) --no-print-directory bench-actors
	@$(MAKE) --no-print-directory bench-report
	@$(MAKE) --no-print-directory bench-log
	@$(MAKE) --no-print-directory bench-sync
	@$(MAKE) --no-print-directory bench-readers
	@$(MAKE) --no-print-directory bench-verify
	@$(MAKE) --no-print-directory bench-write
	@$(MAKE) --no-print-directory bench-index
	@$(MAKE) --no-print-directory bench-start
	@$(MAKE) --no-print-directory bench-cache
	@$(MAKE) --no-print-directory bench-check

bench-actors: all
	@sh bench/run.sh $(abspath $(BUILD)/bin)

bench-log: all
	@sh bench/log.sh $(abspath $(BUILD)/bin)

bench-readers: all
	@sh bench/readers.sh $(abspath $(BUILD)/bin)

bench-verify: all
	@sh bench/verify-bigdir.sh $(abspath $(BUILD)/bin)

bench-write: all
	@sh bench/write.sh $(abspath $(BUILD)/bin) write

bench-index: all
	@sh bench/write.sh $(abspath $(BUILD)/bin) index

bench-start: all
	@sh bench/write.sh $(abspath $(BUILD)/bin) start

bench-report: all
	@sh bench/report.sh $(abspath $(BUILD)/bin)

bench-sync: all
	@sh bench/sync.sh $(abspath $(BUILD)/bin)

bench-cache: all
	@sh bench/cache.sh $(abspath $(BUILD)/bin)

bench-check: all
	@sh bench/check.sh $(abspath $(BUILD)/bin)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/sv/man1 $(DESTDIR)$(MANDIR)/sv/man5 \
		$(DESTDIR)$(MANDIR)/sv/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	$(if $(MAN1_SV),install -m 644 $(MAN1_SV) $(DESTDIR)$(MANDIR)/sv/man1)
	$(if $(MAN5_SV),install -m 644 $(MAN5_SV) $(DESTDIR)$(MANDIR)/sv/man5)
	$(if $(MAN7_SV),install -m 644 $(MAN7_SV) $(DESTDIR)$(MANDIR)/sv/man7)
	install -m 644 completions/samv.bash $(DESTDIR)$(BASHCOMPDIR)/samv
	for c in $(filter-out samv,$(CMDS)); do ln -sf samv $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	install -m 644 completions/_samv $(DESTDIR)$(ZSHCOMPDIR)/_samv
	install -m 644 completions/samv.fish $(DESTDIR)$(FISHCOMPDIR)/samv.fish
	for l in $(PO_LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/share/locale/$$l/LC_MESSAGES/samv.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/samv.mo; done
	for c in $(filter-out samv,$(CMDS)); do \
		sed "s/^set -l samv_cmd .*/set -l samv_cmd $$c/" completions/samv.fish > $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; done

uninstall:
	rm -f $(CMDS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%) \
		$(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(MAN1_SV:man/sv/%=$(DESTDIR)$(MANDIR)/sv/man1/%) $(MAN5_SV:man/sv/%=$(DESTDIR)$(MANDIR)/sv/man5/%) \
		$(MAN7_SV:man/sv/%=$(DESTDIR)$(MANDIR)/sv/man7/%)
	rm -f $(CMDS:%=$(DESTDIR)$(BASHCOMPDIR)/%) $(DESTDIR)$(ZSHCOMPDIR)/_samv
	rm -f $(CMDS:%=$(DESTDIR)$(FISHCOMPDIR)/%.fish)
	rm -f $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/samv.mo)

clean:
	rm -rf build

# ---- the document catalog (samv-doc): text of reports, minutes, invitations
# and the HTML page in the repository's language, read by libcommon/catalog.c
# whatever the locale.  `make po-doc` refreshes po/doc/samv-doc.pot from the
# sources and merges it into each po/doc/LANG.po.
DOC_LANGS := $(basename $(notdir $(wildcard po/doc/*.po)))
DOC_MO := $(DOC_LANGS:%=$(BUILD)/share/locale/%/LC_MESSAGES/samv-doc.mo)
DOC_XGETTEXT = xgettext --from-code=UTF-8 --language=C -k -kD_:2 -kDN_ -kDP_:2c,3 -kDPN_:1c,2 \
	--add-comments=TRANSLATORS: --package-name=samv --msgid-bugs-address= -o po/doc/samv-doc.pot

.PHONY: po-doc check-po-doc install-doc-mo uninstall-doc-mo
all: $(DOC_MO)
check-unit: $(DOC_MO)
$(BUILD)/share/locale/%/LC_MESSAGES/samv-doc.mo: po/doc/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@
po-doc:
	$(DOC_XGETTEXT) $(LIB_SRC) $(wildcard cmd/*.c)
	for l in $(DOC_LANGS); do msgmerge -q --update --backup=none po/doc/$$l.po po/doc/samv-doc.pot; done
check-po-doc:
	@for l in $(DOC_LANGS); do msgfmt --check --statistics -o /dev/null po/doc/$$l.po 2>&1 | \
		tee /dev/stderr | grep -qv 'untranslated\|fuzzy' || { echo "po/doc/$$l.po is not complete" >&2; exit 1; }; done
install: install-doc-mo
install-doc-mo: $(DOC_MO)
	for l in $(DOC_LANGS); do install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/share/locale/$$l/LC_MESSAGES/samv-doc.mo \
		$(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/samv-doc.mo; done
uninstall: uninstall-doc-mo
uninstall-doc-mo:
	rm -f $(DOC_LANGS:%=$(DESTDIR)$(PREFIX)/share/locale/%/LC_MESSAGES/samv-doc.mo)
