# Helm v2 in C — one Makefile for the whole suite.
# Every lib/**/*.c goes into build/libhelm.a; every tools/<name>/ becomes bin/<name>;
# t/kube-sim/ becomes bin/kube-sim; every t/unit/*_test.c is a unit-test binary.
# Adding a source file needs no change here.

CC      ?= cc
BUILD   ?= build
BINDIR  ?= bin
PKGS    := yaml-0.1 libcurl libarchive libpcre2-8 libcrypto libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# The libraries every tool uses are linked statically: each shared library costs every start of
# every tool its dynamic linking, and `helm template` starts three.  libarchive needs only zlib
# for the gzip'd tar it is used for (see --gc-sections).  libcurl is opened at run time (lib/http_get.c);
# libmicrohttpd only serves kube-sim, which starts once per test.
PKG_LIBS   := -Wl,-Bstatic -larchive -lz -lyaml -lpcre2-8 -lcrypto -lcrypt -Wl,-Bdynamic -lm -lpthread -ldl
KSIM_LIBS  := $(shell pkg-config --libs libmicrohttpd 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Ilib $(PKG_CFLAGS) -MMD -MP -It/unit
# --gc-sections: libarchive's pax writer drags in its format table (7zip, xar: lzma, bzip2,
# libxml2, nettle); only gzip'd tar is ever written, and unused sections go with their references.
# -no-pie: a position-independent static link carries ~19,000 relocations (the function and
# format tables) that every start must apply, touching ~1 MiB of pages in each process.
LDFLAGS += -Wl,--as-needed -Wl,--gc-sections -no-pie
ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
# helm-render, the stage every render waits for, is linked static with libc too: no dynamic
# loader at its start (0.2 ms of the 0.9 a start takes here).  It looks up no names or users and
# loads no modules, which a static glibc could not do (the linker still warns of libcrypto's
# engine loader and address lookups, which it never calls).  The other tools keep libc shared
# (helm-merge-values, helm: libcurl is opened at run time for URLs).
$(BINDIR)/helm-render: LDFLAGS += -static
$(BINDIR)/helm-render: PKG_LIBS := -larchive -lz -lyaml -lpcre2-8 -lcrypto -lcrypt -lm -lpthread -ldl
endif

LIB_SRC   := $(sort $(wildcard lib/*.c lib/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
TOOLS     := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard tools/*/*.c)))))
TOOL_BINS := $(TOOLS:%=$(BINDIR)/%) $(if $(wildcard t/kube-sim/*.c),$(BINDIR)/kube-sim)
UNIT_SRC  := $(sort $(wildcard t/unit/*_test.c))
UNIT_BINS := $(UNIT_SRC:t/unit/%.c=$(BUILD)/t/%)

.SECONDARY:
.PHONY: all deps test unit bats demo bench fuzz clean
all: $(TOOL_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libhelm.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

.SECONDEXPANSION:
$(BINDIR)/%: $$(addprefix $(BUILD)/,$$(subst .c,.o,$$(wildcard tools/$$*/*.c))) $(BUILD)/libhelm.a
	@mkdir -p $(BINDIR)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libhelm.a $(PKG_LIBS)

$(BINDIR)/kube-sim: $(patsubst %.c,$(BUILD)/%.o,$(wildcard t/kube-sim/*.c)) $(BUILD)/libhelm.a
	@mkdir -p $(BINDIR)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libhelm.a $(KSIM_LIBS) $(PKG_LIBS)

$(BUILD)/t/%: $(BUILD)/t/unit/%.o $(BUILD)/libhelm.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(BUILD)/libhelm.a $(PKG_LIBS)

deps:
	bash t/install-deps.sh

# Tests run against sanitized binaries built apart from bin/.
test:
	$(MAKE) -j$$(nproc) SAN=1 BUILD=build/san BINDIR=build/san/bin all unit-bins
	bash t/run-tests.sh build/san

unit-bins: $(UNIT_BINS)

demo: all
	bash t/demo.sh

bench: all
	bash t/install-deps.sh bench
	bash t/bench/run.sh

fuzz:
	bash t/install-deps.sh fuzz
	bash t/fuzz/run.sh

clean:
	rm -rf build bin/*

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
