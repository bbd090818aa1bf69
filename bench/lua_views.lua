-- lua_views.lua FILE [N]: what the Lua module costs on one article, N times
-- (default 200): analyze() with detail, walking every sentence of the
-- result, and copying it all into plain tables with totable().  Run with
--   LUA_CPATH='build/lua/?.so' lua5.4 bench/lua_views.lua examples/article.txt
local rs = require "readstat"

local path, n = arg[1], tonumber(arg[2] or "200")
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()

-- Best of three rounds of n calls, in microseconds per call (CPU time).
local function time(fn)
  local best = math.huge
  for _ = 1, 3 do
    local t0 = os.clock()
    for _ = 1, n do fn() end
    best = math.min(best, (os.clock() - t0) / n)
  end
  return best * 1e6
end

local a = rs.analyze(text, { detail = true })
local sentences = #a.sentences
print(string.format("%s: %d bytes, %d sentences", path, #text, sentences))
print(string.format("analyze (detail)     %10.1f us",
  time(function() rs.analyze(text, { detail = true }) end)))
print(string.format("analyze              %10.1f us", time(function() rs.analyze(text) end)))
print(string.format("walk every sentence  %10.1f us", time(function()
  local words = 0
  for _, s in ipairs(a.sentences) do words = words + s.words end
  return words
end)))
print(string.format("totable (eager copy) %10.1f us", time(function() rs.totable(a) end)))
