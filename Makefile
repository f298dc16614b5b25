# Lentera — one C binary: build/lentera. See README.md.
CC      ?= gcc
BUILD   ?= build
PKGS     = md4c-html md4c lua5.4 libsodium sqlite3 xlsxwriter minizip expat cairo fontconfig libqrencode
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
# snprintf truncation is how we bound copies; gcc 12 flags every one.
WARN    += -Wno-format-truncation
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE $(WARN) -MMD -MP
override CFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
override LDLIBS += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcivetweb -lpthread -lm

SRCS    := $(wildcard server/*.c)
OBJS    := $(SRCS:server/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
UNITS   := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps deps-quiet units run test asan valgrind fuzz bench clean

all: deps-quiet $(BUILD)/lentera

deps:
	@sh scripts/install-deps.sh

deps-quiet:
	@sh scripts/install-deps.sh --quiet

$(BUILD)/lentera: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: server/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(LIBOBJS) | $(BUILD)
	@mkdir -p $(BUILD)/unit
	$(CC) $(CFLAGS) -Iserver $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

$(BUILD):
	@mkdir -p $(BUILD)

units: $(BUILD)/lentera $(UNITS)

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

clean:
	rm -rf build

-include $(OBJS:.o=.d)
