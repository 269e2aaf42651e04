# samv - see README.md.  Targets:
#   make              build every command into $(BUILD)/bin
#   make check        unit tests, CLI tests, schemas, man pages, completions, install
#                     (make check-cli T=t0800 runs only tests/cli/t0800*.sh)
#   make check-asan   the same tests under AddressSanitizer + UBSan
#   make check-valgrind   the CLI tests with every command under valgrind
#   make check-html   samv-report's HTML pages checked in headless Chromium
#   make torture      500 writes killed with SIGKILL at random moments, each followed
#                     by the next command; fails unless nothing is corrupt, stuck or
#                     half-applied (TORTURE_KILLS=N for another count; docs/INTEGRITY.md)
#   make demo         install the build dependencies if missing, build, and
#                     build the example collaboration (docs/example)
#   make install / uninstall   honour PREFIX and DESTDIR
#   make bench        the benchmarks under bench/ (make bench-report: samv-report's,
#                     make bench-sync: samv-sync's)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

BUILD ?= build
CC ?= cc
PKGS = libgit2 libcjson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

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

.PHONY: all check check-unit check-cli check-man check-completion check-schema check-install \
	check-html check-asan check-valgrind torture demo deps install uninstall bench bench-report bench-sync clean

all: $(BINS)

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

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

# Fail early and clearly when the libraries are missing.
.PHONY: deps-ok
deps-ok:
	@pkg-config --exists $(PKGS) || { echo "samv: libgit2 and cJSON not found; run 'make deps' (Debian: apt-get install libgit2-dev libcjson-dev libcmocka-dev pkg-config)" >&2; exit 1; }

# Install what the build and the tests need, on Debian, when it is missing.
deps:
	@sh .ci/deps

check: all check-unit check-cli check-schema check-man check-completion check-install

check-unit: $(UNITS)
	@sh tests/run-unit.sh $(UNITS)

check-cli: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/cli/run.sh

check-schema: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-schema.sh

check-man: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-man.sh $(MAN1) $(MAN5) $(MAN7)

check-install: all
	@sh tests/check-install.sh $(BUILD)

check-completion: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/check-completion.sh

# samv-report's HTML in headless Chromium (installed from Debian's packages
# when missing and we may; skipped with a message otherwise).  The pages
# and their screenshots are left in $(BUILD)/check-html.
check-html: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) SAMV_HTML_OUT=$(abspath $(BUILD)/check-html) sh tests/check-html.sh

check-asan:
	LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 $(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		CFLAGS="-O1 -g" check-unit check-cli

check-valgrind: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) SAMV_VALGRIND=1 sh tests/cli/run.sh

TORTURE_KILLS ?= 500
torture: all
	@SAMV_BIN=$(abspath $(BUILD)/bin) sh tests/torture.sh $(TORTURE_KILLS)

demo: deps all
	@sh docs/example/ostergotland.sh $(abspath $(BUILD)/bin) $(BUILD)/demo

bench: all
	@sh bench/run.sh $(abspath $(BUILD)/bin)

bench-report: all
	@sh bench/report.sh $(abspath $(BUILD)/bin)

bench-sync: all
	@sh bench/sync.sh $(abspath $(BUILD)/bin)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -m 644 completions/samv.bash $(DESTDIR)$(BASHCOMPDIR)/samv
	for c in $(filter-out samv,$(CMDS)); do ln -sf samv $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	install -m 644 completions/_samv $(DESTDIR)$(ZSHCOMPDIR)/_samv
	install -m 644 completions/samv.fish $(DESTDIR)$(FISHCOMPDIR)/samv.fish
	for c in $(filter-out samv,$(CMDS)); do \
		sed "s/^set -l samv_cmd .*/set -l samv_cmd $$c/" completions/samv.fish > $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; done

uninstall:
	rm -f $(CMDS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%) \
		$(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(CMDS:%=$(DESTDIR)$(BASHCOMPDIR)/%) $(DESTDIR)$(ZSHCOMPDIR)/_samv
	rm -f $(CMDS:%=$(DESTDIR)$(FISHCOMPDIR)/%.fish)

clean:
	rm -rf build
