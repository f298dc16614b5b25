# Lentera — one C binary: build/lentera. See README.md.
CC      ?= gcc
BUILD   ?= build
PKGS     = md4c-html md4c lua5.4 libsodium sqlite3 libpq xlsxwriter minizip expat cairo fontconfig libqrencode libcurl
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
# snprintf truncation is how we bound copies; gcc 12 flags every one.
WARN    += -Wno-format-truncation
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE $(WARN) -MMD -MP
override CFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
override LDLIBS += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
# CivetWeb (no .pc in Debian) only where the web layer is linked.
WEBLIBS  = -lcivetweb

# Layers, lowest first. A layer's sources see only its own headers and
# those of the layers below it (each layer's -I list stops at itself), so an
# upward #include is a compile error; each layer is its own archive, linked
# in this order. The store's internals (store/internal: the statement cache,
# the driver table) are visible to the store layer's own sources only.
# docs/ARCHITECTURE.md has the rule.
LAYERS  := lib quiz content store core web cmd
INC_lib     := -Iserver/lib
INC_quiz    := $(INC_lib) -Iserver/quiz
INC_content := $(INC_quiz) -Iserver/content
INC_store   := $(INC_content) -Iserver/store
INC_core    := $(INC_store) -Iserver/core
INC_web     := $(INC_core) -Iserver/web
INC_cmd     := $(INC_core) -Iserver/cmd
# Only the store's own sources see its internals and backends (SQLite;
# PostgreSQL on libpq in store/pg).
SRC_INC_store := $(INC_store) -Iserver/store/internal -Iserver/store/pg

SRCS_lib     := $(wildcard server/lib/*.c)
SRCS_quiz    := $(wildcard server/quiz/*.c)
SRCS_content := $(wildcard server/content/*.c)
# The store files and every driver (server/store/<driver>/*.c).
SRCS_store   := $(wildcard server/store/*.c server/store/*/*.c)
SRCS_core    := $(wildcard server/core/*.c)
SRCS_web     := $(wildcard server/web/*.c)
SRCS_cmd     := $(filter-out server/cmd/main.c,$(wildcard server/cmd/*.c))
obj = $(patsubst server/%.c,$(BUILD)/obj/%.o,$(1))
$(foreach l,$(LAYERS),$(eval OBJS_$(l) := $(call obj,$(SRCS_$(l)))))
ARCHIVES := $(foreach l,cmd web core store content quiz lib,$(BUILD)/lib$(l).a)
# The CLI-only binary links everything below the web layer.
LOWER    := $(foreach l,core store content quiz lib,$(BUILD)/lib$(l).a)
UNITS   := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(wildcard tests/unit/test_*.c))
ALLOBJS := $(foreach l,$(LAYERS),$(OBJS_$(l))) $(BUILD)/obj/cmd/main.o $(BUILD)/obj/cmd/main-cli.o

.PHONY: print-pkgs all deps deps-quiet units run test asan valgrind fuzz bench clean

all: deps-quiet $(BUILD)/lentera $(BUILD)/lentera-cli

deps:
	@sh scripts/install-deps.sh

deps-quiet:
	@sh scripts/install-deps.sh --quiet

$(BUILD)/lentera: $(BUILD)/obj/cmd/main.o $(ARCHIVES)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(ARCHIVES) $(WEBLIBS) $(LDLIBS)

# The command-line jobs without the web layer: proof that no CLI job links a
# page (a job that calls into web/ fails to link here). Same commands but
# `serve`.
$(BUILD)/lentera-cli: $(BUILD)/obj/cmd/main-cli.o $(BUILD)/libcmd.a $(LOWER)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcmd.a $(LOWER) $(LDLIBS)

$(BUILD)/obj/cmd/main.o: server/cmd/main.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC_cmd) -Iserver/web -c -o $@ $<
$(BUILD)/obj/cmd/main-cli.o: server/cmd/main.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INC_cmd) -DLENTERA_CLI_ONLY -c -o $@ $<

define layer_rules
$(BUILD)/obj/$(1)/%.o: server/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(if $$(SRC_INC_$(1)),$$(SRC_INC_$(1)),$$(INC_$(1))) -c -o $$@ $$<
$(BUILD)/lib$(1).a: $$(OBJS_$(1))
	@rm -f $$@
	$$(AR) rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rules,$(l))))

# A unit test links its own layer and those below, nothing above: the
# comment "unit-layer: NAME" in the test says which (default core).
unit_layer = $(or $(shell sed -n 's/.*unit-layer: \([a-z]*\).*/\1/p' $(1) | head -1),core)
below_lib     := lib
below_quiz    := quiz lib
below_content := content quiz lib
below_store   := store content quiz lib
below_core    := core store content quiz lib
below_web     := web core store content quiz lib
$(BUILD)/unit/%: tests/unit/%.c $(LOWER) $(BUILD)/libweb.a | $(BUILD)
	@mkdir -p $(BUILD)/unit
	$(CC) $(CFLAGS) $(INC_$(call unit_layer,$<)) $(LDFLAGS) -o $@ $< \
	    $(foreach l,$(below_$(call unit_layer,$<)),$(BUILD)/lib$(l).a) \
	    $(if $(filter web,$(call unit_layer,$<)),$(WEBLIBS)) $(LDLIBS)

$(BUILD):
	@mkdir -p $(BUILD)

units: $(BUILD)/lentera $(BUILD)/lentera-cli $(UNITS)

run: all
	@mkdir -p data
	$(BUILD)/lentera serve --port 8080 --db data/lentera.db --courses courses --web web

test: deps-quiet
	@sh scripts/install-deps.sh --quiet --test
	@$(MAKE) --no-print-directory units
	@BUILD=$(BUILD) sh tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CC=gcc \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test

# The whole user flow (test_flow) and the smoke test under valgrind: any
# invalid access or definite leak makes the server exit 99 and fail.
valgrind: all
	@sh scripts/install-deps.sh --quiet --test
	@BUILD=$(BUILD) LENTERA_WRAP="valgrind --max-threads=1200 --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --quiet" \
	    sh tests/run.sh valgrind

fuzz: deps-quiet
	@sh scripts/fuzz.sh

bench: all
	@sh scripts/install-deps.sh --quiet --bench
	@sh scripts/bench.sh
	@BENCH_QUICK=1 sh scripts/bench-pg.sh

# The pkg-config packages, for scripts that build outside make (fuzz.sh).
print-pkgs:
	@echo $(PKGS)

clean:
	rm -rf build

-include $(ALLOBJS:.o=.d)
