-- test_module.lua: the readstat Lua module, as stock lua5.4 loads it.
--
-- Usage: lua5.4 test_module.lua EXAMPLES_DIR   (LUA_CPATH -> readstat.so)
-- Expected numbers for short.txt are the hand counts of tests/cli/test_cli.py.

local examples = assert(arg[1], "usage: test_module.lua EXAMPLES_DIR")
local rs = require "readstat"
local safe = require "readstat.safe"

package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
local checks = require "checks"
local ok = checks.ok
local raises = checks.raises
local function read(name) return checks.read(examples .. "/" .. name) end

-- The issue's acceptance line
ok("two sentences", rs.analyze("One. Two words.").counts.sentences == 2)

-- Module fields
ok("version", rs.version == "0.1.0" and rs._VERSION == rs.version and rs._NAME == "readstat")
ok("safe has the same functions", type(safe.analyze) == "function" and safe.version == rs.version)

-- short.txt against the hand counts
local short = read("short.txt")
local a = rs.analyze(short, { detail = true })
ok("short: words", a.counts.words == 36, a.counts.words)
ok("short: sentences", a.counts.sentences == 4)
ok("short: syllables", a.counts.syllables == 44)
ok("short: paragraphs", a.counts.paragraphs == 2)
ok("short: Flesch", math.abs(a.readability.flesch_reading_ease - 94.3) < 0.01,
  a.readability.flesch_reading_ease)
ok("short: reading time", a.reading_time.seconds == 9 and a.reading_time.minutes == 1)
ok("short: sentence list", #a.sentences == 4 and a.sentences[2].text ==
  "Each morning, a baker went there to buy grain.", a.sentences[2].text)
ok("short: sentence words", a.sentences[1].words == 10 and #a.sentences[1].word_list == 10)
ok("short: word list", a.sentences[1].word_list[7].text == "river"
  and a.sentences[1].word_list[7].syllables == 2)
ok("short: words across the text", #a.words == 36 and a.words[36].text == "clean")
ok("short: offsets slice the input", short:sub(a.sentences[4].start + 1, a.sentences[4]["end"])
  == "It is a well-known place, and the water is still clean.")
ok("short: grade", math.abs(a.sentences[1].grade - 2.47) < 0.005)
ok("short: blocks", #a.blocks == 2 and a.blocks[2].kind == "paragraph" and a.blocks[2].words == 11)
ok("short: block -> sentences", #a.blocks[1].sentence_list == 3 and
  a.blocks[1].sentence_list[3].text == "Why don't we visit it today?")
ok("short: sentence -> block", a.sentences[4].block == 2)
ok("short: no detail unless asked", rs.analyze(short).sentences == nil)
ok("short: text", a.text == short)

-- The shape of the JSON: the same keys
local keys = {}
for k in pairs(a) do keys[#keys + 1] = k end
local want = { "readstat", "source", "format", "language", "meta", "counts", "readability",
  "reading_time", "page", "sections", "blocks", "sentences", "words", "text" }
local have = {}
for _, k in ipairs(keys) do have[k] = true end
local missing = {}
for _, k in ipairs(want) do
  if k ~= "source" and not have[k] then missing[#missing + 1] = k end
end
ok("pairs lists the JSON's keys", #missing == 0, table.concat(missing, ","))
local ck = 0
for _ in pairs(a.counts) do ck = ck + 1 end
ok("counts has 16 fields", ck == 16, ck)

-- Sections
local s = rs.analyze(read("sections.txt"), { detail = true })
ok("sections: three", #s.sections >= 3, #s.sections)
ok("sections: heading", s.sections[#s.sections].heading == "Daily care", s.sections[#s.sections].heading)
ok("sections: blocks of a section", #s.sections[2].block_list > 0 and
  s.sections[2].block_list[1].section == 2)

-- totable: plain tables
local t = rs.totable(a)
ok("totable: plain", type(t) == "table" and getmetatable(t) == nil and type(t.counts) == "table"
  and t.counts.words == 36 and t.sentences[1].words == 10 and t.blocks[1].kind == "paragraph")

-- Read-only
ok("read-only field", raises(function() a.counts.words = 1 end, "read-only"))
ok("read-only list", raises(function() a.sentences[1] = 1 end, "read-only"))
ok("metatable hidden", type(getmetatable(a)) == "string")
ok("equality of views", a.sentences[1] == a.sentences[1] and a.sentences[1] ~= a.sentences[2])
ok("tostring", tostring(a.sentences) == "readstat sentences (4)")

-- syllables, words, sentences
ok("syllables", rs.syllables("beautiful") == 3 and rs.syllables("1,000") == 3
  and rs.syllables("") == 0)
local ws = {}
for w, info in rs.words("Hello big world. Visit https://example.com now.") do
  ws[#ws + 1] = w .. ":" .. info.kind
end
ok("words iterator", table.concat(ws, " ") == "Hello:word big:word world:word Visit:word https://example.com:url now:word",
  table.concat(ws, " "))
local ss = {}
for sentence in rs.sentences("One. Two words. Three more words.") do ss[#ss + 1] = sentence end
ok("sentences iterator", #ss == 3 and ss[3] == "Three more words.")

-- Options and instances
local slow = rs.new { wpm = 120 }
ok("new: own wpm", slow.analyze(short).reading_time.seconds == 18 and
  rs.analyze(short).reading_time.seconds == 9)
ok("per-call wpm", rs.analyze(short, { wpm = 120 }).reading_time.seconds == 18)
ok("new: detail default", #rs.new { detail = true }.analyze(short).sentences == 4)

-- Errors
ok("analyze needs a string", raises(function() rs.analyze() end, "bad argument #1"))
ok("analyze: unknown option", raises(function() rs.analyze("x", { bogus = 1 }) end, "unknown option 'bogus'"))
ok("analyze: bad wpm", raises(function() rs.analyze("x", { wpm = -1 }) end, "positive number"))
ok("analyze: bad options type", raises(function() rs.analyze("x", 5) end, "table expected"))
ok("analyze: NUL bytes", raises(function() rs.analyze("a\0b") end, "readstat.analyze"))
ok("new: bad language", raises(function() rs.new { lang = "xx" } end, "readstat.new"))
ok("syllables needs a string", raises(function() rs.syllables({}) end, "bad argument #1"))
local v, err = safe.analyze(nil)
ok("safe: nil, message", v == nil and err:find("readstat.analyze", 1, true), err)
local v2, err2 = safe.analyze("x", { wpm = 0 })
ok("safe: option error", v2 == nil and err2:find("positive", 1, true), err2)
ok("safe: success passes through", safe.analyze("One.").counts.sentences == 1)
local r3, err3 = safe.rules("/nonexistent/rules.lua")
ok("safe: rules load error", r3 == nil and err3:find("nonexistent", 1, true), err3)

-- Invalid UTF-8 is kept, and warned about
local bad = rs.analyze("Caf\xe9 au lait.")
ok("invalid UTF-8 warning", bad.warnings and bad.warnings.invalid_utf8 == 1)

-- A large report is reached in constant time: indexing does not build it
local big = string.rep("The quick brown fox jumps over the lazy dog near the river bank. ", 16000)
local t0 = os.clock()
local report = rs.analyze(big, { detail = true })
local analysed = os.clock() - t0
t0 = os.clock()
local n = #report.sentences
local last = report.sentences[n].text
local reached = os.clock() - t0
ok("1 MB: analysed", #big > 1000000 and n == 16000 and last:sub(1, 9) == "The quick", n)
ok("1 MB: reaching the last sentence is cheap", reached < 0.01, reached)
print(("1 MB analyze %.3f s, reach last sentence %.6f s"):format(analysed, reached))

checks.done()
