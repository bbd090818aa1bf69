/*
 * sandbox.h: a Lua state for untrusted rules: a counting allocator (memory
 * cap), a count hook (instruction budget and wall-clock deadline) whose
 * error a rule cannot swallow, and allow-listed globals.  Internal to lua/.
 */
#ifndef READSTAT_LUA_SANDBOX_H
#define READSTAT_LUA_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sandbox_stop {
    SANDBOX_RUNNING = 0,
    SANDBOX_STOP_BUDGET,
    SANDBOX_STOP_TIME,
    SANDBOX_STOP_MEMORY
} sandbox_stop;

typedef struct rs_sandbox {
    /* Memory: every byte the state holds goes through the allocator. */
    size_t mem_used;
    size_t mem_limit;
    bool mem_refused; /* an allocation was refused during this run */

    /* The current rule call (between begin and end). */
    bool running;
    sandbox_stop stopped; /* once set, every instruction raises */
    uint64_t steps_used;
    uint64_t steps_budget;
    double deadline;      /* monotonic seconds */
    int stop_line;        /* where the rule was when it was stopped */
} rs_sandbox;

/*
 * Makes a state whose allocator and hook belong to sb (which must outlive
 * the state and not move).  The state has the libraries a rule may use
 * loaded, and the string metatable locked.  NULL if out of memory.
 */
lua_State *rs_sandbox_open(rs_sandbox *sb, size_t mem_limit);

/* The sandbox of a state made by rs_sandbox_open, or NULL for any other
 * state (the module runs in the host's state). */
rs_sandbox *rs_sandbox_of(lua_State *L);

/* Pushes a fresh global table for a rule: the allow-listed functions and
 * fresh copies of the allowed libraries, so that nothing a rule changes in
 * them survives it.  May raise (memory). */
void rs_sandbox_push_env(lua_State *L);

/* Starts and ends one budgeted call. */
void rs_sandbox_begin(rs_sandbox *sb, lua_State *L, uint64_t budget, double seconds);
void rs_sandbox_end(rs_sandbox *sb, lua_State *L);

/* A message for a stop reason ("instruction budget exhausted"...). */
const char *rs_sandbox_stop_message(sandbox_stop stop);

/*
 * Charges steps of work done in C (pattern matching, table moves) to the
 * running rule; stops it (raises) when the budget or deadline is passed.
 * Does nothing in a state that is not a sandbox.
 */
void rs_lua_charge(lua_State *L, uint64_t steps);

/* Monotonic clock, seconds. */
double rs_sandbox_now(void);

#endif
