-- lua_stream.lua FILE MB [FORMAT] [on_block]: readstat.analyzer() fed FILE
-- over and over, in 64 KiB chunks, until MB megabytes went in; with
-- "on_block", a callback takes every block's table.  Prints MB/s (CPU
-- time); the peak memory is the process's, e.g.
--   LUA_CPATH='build/lua/?.so' /usr/bin/time -f 'peak %M KiB' \
--     lua5.4 bench/lua_stream.lua /tmp/in/gen10.txt 200 text on_block
-- (the inputs: build/bench/bench x bench/corpus --write-inputs /tmp/in).
local rs = require "readstat"

local path, mb = arg[1], tonumber(arg[2] or "")
local format, with_callback = arg[3] or "auto", arg[4] == "on_block"
assert(path and mb, "usage: lua_stream.lua FILE MB [FORMAT] [on_block]")
local f = assert(io.open(path, "rb"))
local data = f:read("a")
f:close()

local opts = {format = format}
local blocks, main_bytes = 0, 0
if with_callback then
  opts.on_block = function(b)
    blocks = blocks + 1
    if b.main then main_bytes = main_bytes + #b.text end
  end
end
local a = rs.analyzer(opts)
local fed, target = 0, mb * 1e6
local t0 = os.clock()
while fed < target do
  for i = 1, #data, 65536 do a:feed(data:sub(i, i + 65535)) end
  fed = fed + #data
end
local article = a:finish()
local seconds = os.clock() - t0
print(("%.0f MB in %.2f s: %.1f MB/s; %d words; on_block: %d blocks, %d main bytes")
  :format(fed / 1e6, seconds, fed / 1e6 / seconds, article.counts.words, blocks, main_bytes))
