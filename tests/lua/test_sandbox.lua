-- test_sandbox.lua: every escape and exhaustion we could think of, each in
-- its own rule file, run through readstat.rules.  Each file also declares a
-- harmless tag "alive", which must still be reported: one rule's failure
-- never stops the others.
--
-- Usage: lua5.4 test_sandbox.lua   (with LUA_CPATH pointing at readstat.so)

local rs = require "readstat"

package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
local checks = require "checks"
local ok = checks.ok

local TEXT = "The first sentence is short. The second one is short too. A third one ends it."
-- Limits small enough to keep the suite fast, large enough for real rules.
local LIMITS = { instructions = 5e6, memory = 16 * 1024 * 1024, seconds = 1 }

local function clock() return os.clock() end
local function wall()
  -- os.time has one-second resolution; os.clock is CPU time of this process,
  -- which is what a runaway rule burns.
  return os.clock()
end

-- Runs a rule file (source) and returns results, seconds taken.
local function run(name, source, limits, text, meta)
  local rules = rs.rules({ { name = name .. ".lua", source = source .. '\ntag "alive" (function() return true end)\n' } },
    limits or LIMITS)
  local t0 = wall()
  local res = rules:run(text or TEXT, meta)
  return res, wall() - t0
end

local function has_tag(res, name)
  for _, t in ipairs(res.tags) do if t == name then return true end end
  return false
end

local function error_of(res, rule)
  for _, e in ipairs(res.errors) do if e.rule == rule then return e end end
  return nil
end

-- Expects rule `rule` to fail with a message containing `pattern` (plain),
-- within 2 seconds, with the other rules still running.
local function expect_stop(name, source, rule, pattern, limits)
  local res, secs = run(name, source, limits)
  local e = error_of(res, rule)
  ok(name .. ": stopped", e ~= nil, "no error reported")
  if e then
    ok(name .. ": message", e.message:find(pattern, 1, true) ~= nil, e.message)
    ok(name .. ": file and line", e.file == name .. ".lua" and e.line > 0, e.file .. ":" .. e.line)
  end
  ok(name .. ": within 2 s", secs < 2, secs)
  ok(name .. ": other rules still run", has_tag(res, "alive"))
  return res, e
end

local BUDGET = "instruction budget exhausted"
local MEMORY = "memory"

-- Time ---------------------------------------------------------------------

expect_stop("infinite-loop", [[
tag "spin" (function(a) while true do end end)]], "spin", BUDGET)

expect_stop("loop-in-pcall", [[
tag "spin" (function(a)
  while true do pcall(function() while true do end end) end
end)]], "spin", BUDGET)

expect_stop("loop-in-xpcall", [[
tag "spin" (function(a)
  while true do xpcall(function() while true do end end, function(e) return e end) end
end)]], "spin", BUDGET)

expect_stop("loop-in-xpcall-handler", [[
tag "spin" (function(a)
  while true do xpcall(error, function() while true do end end) end
end)]], "spin", BUDGET)

expect_stop("loop-in-coroutine", [[
tag "spin" (function(a)
  local co = coroutine.wrap(function() while true do end end)
  co()
end)]], "spin", BUDGET)

expect_stop("coroutine-resume-swallows", [[
tag "spin" (function(a)
  while true do
    local co = coroutine.create(function() while true do end end)
    coroutine.resume(co)
  end
end)]], "spin", BUDGET)

expect_stop("wall-clock", [[
tag "spin" (function(a) while true do end end)]], "spin", "time limit exceeded",
  { instructions = 1e15, memory = 16 * 1024 * 1024, seconds = 0.3 })

expect_stop("close-handler-loops", [[
tag "spin" (function(a)
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  while true do end
end)]], "spin", BUDGET)

-- Pathological patterns: the stock matcher runs no VM instruction.
expect_stop("pattern-backtracking", [[
tag "spin" (function(a) return string.find(string.rep("a", 100000), ".-.-.-.-b") end)]],
  "spin", BUDGET)
expect_stop("pattern-quadratic", [[
tag "spin" (function(a) return (string.rep("a", 300000)):find("a+b") end)]], "spin", BUDGET)
expect_stop("pattern-gsub", [[
tag "spin" (function(a) return string.gsub(string.rep("a", 100000), "(a-)-b", "") end)]],
  "spin", BUDGET)
expect_stop("pattern-gmatch", [[
tag "spin" (function(a) for x in string.gmatch(string.rep("a", 100000), ".-.-.-b") do end end)]],
  "spin", BUDGET)
expect_stop("plain-find-long-needle", [[
tag "spin" (function(a)
  local hay, needle = string.rep("a", 4000000), string.rep("a", 200000) .. "b"
  return hay:find(needle, 1, true)
end)]], "spin", BUDGET)

-- C loops outside the VM are charged too.
expect_stop("table-move-huge-range", [[
tag "spin" (function(a) table.move({}, 1, 1e12, 1) end)]], "spin", BUDGET)
expect_stop("table-insert-front", [[
tag "spin" (function(a)
  local t = {}
  for i = 1, 200000 do t[i] = i end
  while true do table.insert(t, 1, 0); table.remove(t, 1) end
end)]], "spin", BUDGET)

-- Memory ---------------------------------------------------------------------

expect_stop("string-rep-bomb", [[
tag "boom" (function(a) return string.rep("x", 1e9) end)]], "boom", MEMORY)
expect_stop("string-rep-caught", [[
tag "boom" (function(a)
  local keep = {}
  while true do pcall(function() keep[#keep + 1] = string.rep("x", 1e6) end) end
end)]], "boom", "stopped: ") -- memory, or the clock on a slow (sanitized) build
expect_stop("table-concat-bomb", [[
tag "boom" (function(a)
  local t = {}
  for i = 1, 1000 do t[i] = string.rep("y", 100000) end
  return table.concat(t) .. table.concat(t)
end)]], "boom", MEMORY)
expect_stop("table-growth", [[
tag "boom" (function(a) local t = {} local i = 0 while true do i = i + 1 t[i] = i end end)]],
  "boom", "stopped", { instructions = 1e9, memory = 8 * 1024 * 1024, seconds = 1.5 })
expect_stop("string-concat-growth", [[
tag "boom" (function(a) local s = "x" while true do s = s .. s end end)]], "boom", MEMORY)
expect_stop("deep-recursion", [[
local function f(n) return 1 + f(n + 1) end
tag "boom" (function(a) return f(1) end)]], "boom", "")

-- C stack
expect_stop("c-stack-index", [[
tag "boom" (function(a)
  local t = setmetatable({}, { __index = function(t, k) return t[k] end })
  return t.x
end)]], "boom", "")
expect_stop("c-stack-gsub", [[
local function f(s) return (s:gsub(".", f)) end
tag "boom" (function(a) return f("ab") end)]], "boom", "")
expect_stop("c-stack-pcall", [[
local function f() return pcall(f) end
tag "boom" (function(a) f() error("unwound") end)]], "boom", "")
expect_stop("c-stack-tostring", [[
local mt = {}
mt.__tostring = function(t) return tostring(t) end
tag "boom" (function(a) return tostring(setmetatable({}, mt)) end)]], "boom", "")

-- string.format abuse: bounded by the library's own checks
expect_stop("format-width", [[
tag "boom" (function(a) return string.format("%9999d", 1) end)]], "boom", "invalid conversion")
do
  local res = run("format-ok", [[
tag "fmt" (function(a) return #string.format("%099d|%-99s|%q", 1, "x", string.rep("\0", 10)) > 0 end)]])
  ok("format: bounded widths work", has_tag(res, "fmt") and #res.errors == 0)
end

-- Error objects never run rule code outside the budget
do
  local res = run("error-object", [[
tag "boom" (function(a) error(setmetatable({}, { __tostring = function() while true do end end })) end)]])
  local e = error_of(res, "boom")
  ok("error object: reported without __tostring", e and e.message:find("table value", 1, true), e and e.message)
end

-- Finalisers: Lua runs them with hooks off, so they are refused outright.
expect_stop("gc-metamethod", [[
tag "boom" (function(a) setmetatable({}, { __gc = function() while true do end end }) end)]],
  "boom", "__gc")
expect_stop("gc-metamethod-false", [[
tag "boom" (function(a)
  local mt = { __gc = false }
  setmetatable({}, mt)
  mt.__gc = function() while true do end end
end)]], "boom", "__gc")

-- Globals ----------------------------------------------------------------------

do
  local res = run("globals", [[
local names = { "io", "os.execute", "os.exit", "os.getenv", "os.remove", "package", "require",
  "debug", "load", "loadfile", "dofile", "string.dump", "collectgarbage", "print",
  "loadstring", "module", "rawequal", "newproxy" }
local found = {}
for _, n in ipairs(names) do
  local v = _ENV
  for part in n:gmatch("[^.]+") do v = type(v) == "table" and v[part] or nil end
  if v ~= nil and n ~= "rawequal" then found[#found + 1] = n end
end
tag "clean" (function(a) return #found == 0 end)
check "found" { run = function(a) return #found == 0, table.concat(found, ",") end }
tag "os-subset" (function(a) return type(os.time()) == "number" and type(os.date("%Y")) == "string"
  and type(os.clock()) == "number" end)
tag "g-is-env" (function(a) return _G == _ENV end)
tag "string-mt-hidden" (function(a) return getmetatable("") == false end)
tag "view-mt-hidden" (function(a) return type(getmetatable(a)) == "string" end)
]])
  ok("globals: no io, os.execute, package, require, debug, load*, dofile, string.dump, collectgarbage",
    has_tag(res, "clean"), res.checks[1] and res.checks[1].message)
  ok("globals: os.time, os.date, os.clock remain", has_tag(res, "os-subset"))
  ok("globals: _G is the rule's own environment", has_tag(res, "g-is-env"))
  ok("globals: getmetatable('') is false", has_tag(res, "string-mt-hidden"))
  ok("globals: article metatables are hidden", has_tag(res, "view-mt-hidden"))
end

expect_stop("string-metatable-escape", [[
tag "boom" (function(a) getmetatable("").__index = {} end)]], "boom", "index a boolean")
expect_stop("view-setmetatable", [[
tag "boom" (function(a) setmetatable(a, {}) end)]], "boom", "bad argument")

-- Bytecode ---------------------------------------------------------------------

do
  local bytecode = string.dump(function() return 1 end)
  local ok_, err = pcall(rs.rules, { { name = "binary.luac", source = bytecode } })
  ok("bytecode rule file is refused", not ok_ and tostring(err):find("precompiled", 1, true), err)
  local res = run("load-bytecode", [[
tag "boom" (function(a) return load(]] .. string.format("%q", bytecode) .. [[) end)]])
  ok("load is not reachable from a rule", error_of(res, "boom") ~= nil)
end

-- Tampering ---------------------------------------------------------------------

do
  local rules = rs.rules({
    { name = "vandal.lua", source = [[
tag "vandal" (function(a)
  string.upper = function() return "pwned" end
  string.find = nil
  table.concat = nil
  _G.shared = "from vandal"
  math.floor = nil
  rawset(_ENV, "tag", nil)
  pcall(function() a.counts.words = 0 end)
  pcall(function() rawset(a.counts, "words", 0) end)
  pcall(function() a.sentences[1] = nil end)
  return true
end)]] },
    { name = "victim.lua", source = [[
tag "intact" (function(a)
  return ("x"):upper() == "X" and string.find("abc", "b") == 2 and table.concat({ 1, 2 }) == "12"
    and shared == nil and math.floor(1.5) == 1 and a.counts.words == 16 and #a.sentences == 3
end)]] },
  })
  local res = rules:run(TEXT)
  ok("tampering: one file cannot change another's libraries or the article",
    has_tag(res, "vandal") and has_tag(res, "intact"), #res.errors > 0 and res.errors[1].message)

  -- Nothing survives from one article to the next, not even in one file.
  local counter = rs.rules({ { name = "counter.lua", source = [[
count = (count or 0) + 1
string.mark = (string.mark or 0) + 1
tag "first-run" (function(a) return count == 1 and string.mark == 1 end)]] } })
  local r1, r2 = counter:run(TEXT), counter:run(TEXT)
  ok("fresh globals and libraries for every article", has_tag(r1, "first-run") and has_tag(r2, "first-run"))

  local same_file = rs.rules({ { name = "same.lua", source = [[
tag "a-first" (function(a) pcall(function() a.counts.words = 1 end) return true end)
tag "b-second" (function(a) return a.counts.words == 16 end)]] } })
  ok("a rule cannot change the article seen by later rules", has_tag(same_file:run(TEXT), "b-second"))
end

expect_stop("declare-at-run-time", [[
tag "boom" (function(a) tag "late" (function() return true end) end)]], "boom", "top level")
expect_stop("article-is-read-only", [[
tag "boom" (function(a) a.counts.words = 1 end)]], "boom", "read-only")

-- A rule that keeps a view and the next article: views die with their run.
do
  local rules = rs.rules({ { name = "keeper.lua", source = [[
local kept = nil
tag "k" (function(a) kept = a.sentences return #kept > 0 end)]] } })
  ok("views are usable during the run", has_tag(rules:run(TEXT), "k"))
end

-- A memory error caught in the rule still stops it
expect_stop("memory-caught-then-loop", [[
tag "boom" (function(a)
  pcall(string.rep, "x", 1e9)
  local i = 0
  while true do i = i + 1 end
end)]], "boom", MEMORY)

checks.done()
