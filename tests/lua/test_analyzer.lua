-- test_analyzer.lua: readstat.analyzer(), input fed in pieces, blocks
-- handed to on_block; and the format and all options every function takes.
--
-- Usage: lua5.4 test_analyzer.lua EXAMPLES_DIR   (LUA_CPATH -> readstat.so)

local examples = assert(arg[1], "usage: test_analyzer.lua EXAMPLES_DIR")
local rs = require "readstat"
local safe = require "readstat.safe"

package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
local checks = require "checks"
local ok = checks.ok
local raises = checks.raises
local function read(name) return checks.read(examples .. "/" .. name) end

-- Feeds text in pieces of n bytes; returns the article and the blocks
-- on_block saw.
local function analyze_fed(text, n, opts)
  local seen = {}
  opts = opts or {}
  opts.on_block = function(b) seen[#seen + 1] = b end
  local a = rs.analyzer(opts)
  for i = 1, #text, n do a:feed(text:sub(i, i + n - 1)) end
  return a:finish(), seen
end

-- The first key whose value differs between two views of the same shape.
local function differs(x, y, keys)
  for _, k in ipairs(keys) do
    if x[k] ~= y[k] then return k end
  end
end
local count_keys = {"characters", "letters", "words", "sentences", "syllables", "paragraphs",
  "monosyllables", "polysyllables", "complex_words", "long_words", "difficult_words",
  "unfamiliar_words", "cjk_chars", "images", "digits", "unscored_words"}
local score_keys = {"flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
  "coleman_liau", "automated_readability", "dale_chall", "spache", "lix", "rix"}
local block_keys = {"kind", "role", "level", "start", "end", "text", "words", "sentences",
  "images", "section", "main"}

-- 1. Memory stays bounded: 64 MB fed through one analyzer, first, while
-- the peak is still the interpreter's own.  Skipped under
-- AddressSanitizer, whose quarantine keeps freed memory on purpose.
local function peak_kib()
  local f = io.open("/proc/self/status")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmHWM:%s*(%d+)"))
end
if os.getenv("ASAN_OPTIONS") == nil and peak_kib() then
  local parts = {}
  for i = 1, 200 do
    parts[i] = ("Line %d of the stream carries a sentence or two. Another one follows here."):format(i)
  end
  local chunk = table.concat(parts, "\n\n") .. "\n\n"
  local reps = math.ceil(64 * 1024 * 1024 / #chunk)
  local before = peak_kib()
  local blocks = 0
  local a = rs.analyzer{on_block = function() blocks = blocks + 1 end}
  for _ = 1, reps do a:feed(chunk) end
  local art = a:finish()
  local grew = peak_kib() - before
  ok("64 MB: every block handed over", blocks == 200 * reps, blocks)
  ok("64 MB: counted", art.page.counts.sentences == 400 * reps, art.page.counts.sentences)
  ok("64 MB: peak grew by under 16 MiB", grew < 16 * 1024, grew .. " KiB")
  print(("     (peak grew by %d KiB)"):format(grew))
else
  print("skip 64 MB memory check (AddressSanitizer or no /proc)")
end

-- 2. Fed seven bytes at a time (streaming, the default), each example gets
-- analyze()'s figures, and on_block sees analyze()'s blocks, in order.
for _, name in ipairs({"short.txt", "sections.txt", "article.txt"}) do
  local text = read(name)
  local whole = rs.analyze(text)
  local art, seen = analyze_fed(text, 7)
  ok(name .. ": counts", differs(art.counts, whole.counts, count_keys) == nil,
    differs(art.counts, whole.counts, count_keys))
  ok(name .. ": page counts", differs(art.page.counts, whole.page.counts, count_keys) == nil)
  ok(name .. ": scores", differs(art.readability, whole.readability, score_keys) == nil,
    differs(art.readability, whole.readability, score_keys))
  ok(name .. ": reading time", art.reading_time.seconds == whole.reading_time.seconds)
  ok(name .. ": sections", #art.sections == #whole.sections
    and art.sections[#art.sections].heading == whole.sections[#whole.sections].heading)
  ok(name .. ": streamed article keeps no blocks", #art.blocks == 0 and art.text == "")
  local bad
  for i, b in ipairs(seen) do
    local k = differs(b, whole.blocks[i], block_keys)
    if k or b.index ~= i or b.continues then bad = bad or (i .. " " .. (k or "index")) end
  end
  ok(name .. ": on_block saw each block", #seen == #whole.blocks and bad == nil,
    bad or (#seen .. " of " .. #whole.blocks))
end

-- The hand-counted example, through on_block: 36 words in 2 paragraphs.
do
  local _, seen = analyze_fed(read("short.txt"), 5)
  ok("short: block words", #seen == 2 and seen[1].words + seen[2].words == 36
    and seen[2].words == 11 and seen[1].kind == "paragraph" and seen[1].main)
end

-- article.txt is a page: on_block tells the story from the chrome.
do
  local art, seen = analyze_fed(read("article.txt"), 4096)
  local main_words, chrome = 0, 0
  for _, b in ipairs(seen) do
    if b.main then main_words = main_words + b.words else chrome = chrome + 1 end
  end
  ok("article: main blocks add up to the main figures", main_words == art.counts.words
    and art.counts.words == 435, main_words)
  ok("article: chrome left out", chrome > 0 and art.page.counts.words == 645)
end

-- 3. Without streaming the article is whole, and on_block comes at finish.
do
  local text = read("sections.txt")
  local calls_before_finish = 0
  local seen = {}
  local a = rs.analyzer{stream = false, detail = true, on_block = function(b) seen[#seen + 1] = b end}
  a:feed(text)
  calls_before_finish = #seen
  local art = a:finish()
  local whole = rs.analyze(text, {detail = true})
  ok("whole: blocks kept", #art.blocks == #whole.blocks and #seen == #whole.blocks
    and art.text == text)
  ok("whole: detail kept", #art.sentences == #whole.sentences
    and art.sentences[2].text == whole.sentences[2].text)
  ok("whole: handed over at finish", calls_before_finish == 0)
  ok("whole: detail alone means no streaming", tostring(rs.analyzer{detail = true})
    == "readstat.analyzer (open)")
end

-- 4. A streamed input of several windows, every block measured (all):
-- the blocks' words add up to the totals, which are analyze()'s.
do
  local paragraphs = {}
  for i = 1, 12000 do
    paragraphs[i] = ("Paragraph %d tells of the river near town %d. "
      .. "Its water ran clear and cold through the valley, as it did in the old days."):format(i, i % 97)
  end
  local text = table.concat(paragraphs, "\n\n") .. "\n"
  local whole = rs.analyze(text, {all = true})
  local art, seen = analyze_fed(text, 65536, {all = true})
  local words, texts, in_order = 0, {}, true
  for i, b in ipairs(seen) do
    words = words + b.words
    texts[#texts + 1] = b.text
    in_order = in_order and b.index == i and b.main
  end
  -- 9 + 16 words a paragraph; the windows hold 1024 blocks or 256 KiB
  ok("long text: several windows", #text > 4 * 256 * 1024 and #seen == 12000, #seen)
  ok("long text: words", words == art.counts.words and art.counts.words == whole.counts.words
    and whole.counts.words == 12000 * 25, words .. " " .. art.counts.words)
  ok("long text: sentences", art.counts.sentences == 24000)
  ok("long text: every block in order", in_order)
  ok("long text: the main text", table.concat(texts, "\n\n") .. "\n" == text)
end

-- 5. An HTML paragraph of megabytes comes in pieces; joined at their
-- joints they are the paragraph.
do
  local words = {}
  for i = 1, 120000 do words[i] = (i % 10 == 0) and "sentence." or "word" end
  local para = table.concat(words, " ")
  local html = "<html><body><p>" .. para .. "</p></body></html>"
  local _, seen = analyze_fed(html, 100000, {format = "html", all = true})
  local parts, continued, total = {}, 0, 0
  for i, b in ipairs(seen) do
    if b.continues then
      continued = continued + 1
      parts[#parts + 1] = b.joint or ""
    end
    parts[#parts + 1] = b.text
    total = total + b.words
  end
  ok("html: cut in pieces", #seen > 1 and continued == #seen - 1 and not seen[1].continues,
    #seen)
  ok("html: pieces join into the paragraph", table.concat(parts) == para)
  ok("html: pieces' words", total == 120000, total)

  -- plain text keeps a long paragraph's pieces as one block, up to a
  -- megabyte of text: then the block so far is handed over
  local line = ("The water runs on. It runs on and on. "):rep(70000)
  local whole = rs.analyze(line, {all = true})
  local art, parts = analyze_fed(line, 65536, {all = true})
  local joined, went_on = {}, 0
  for i, b in ipairs(parts) do
    joined[i] = (b.continues and (b.joint or "") or "") .. b.text
    went_on = went_on + (b.continues and 1 or 0)
  end
  ok("text: a 2.7 MB paragraph in parts", #parts >= 3 and went_on == #parts - 1, #parts)
  ok("text: the parts join into the paragraph", table.concat(joined) == whole.blocks[1].text)
  ok("text: the parts' figures", art.counts.sentences == 140000 and art.counts.paragraphs == 1
    and art.counts.words == whole.counts.words, art.counts.sentences)
end

-- 6. Options of every function: format and all.
do
  local md = "# A Title\n\nSome text that is here. It has *two* sentences.\n"
  local as_text = rs.analyze(md, {format = "text"})
  local as_md = rs.analyze(md, {format = "markdown"})
  ok("format: text", as_text.format == "text" and as_text.counts.sentences == 3,
    as_text.counts.sentences)
  ok("format: markdown", as_md.format == "markdown" and as_md.blocks[1].kind == "heading"
    and as_md.counts.sentences == 2)
  ok("format: html", rs.analyze("<p>One. Two.</p>", {format = "html"}).format == "html")
  ok("format: auto", rs.new{format = "html"}.analyze(md, {format = "auto"}).format
    == rs.analyze(md).format)
  local n = 0
  for _ in rs.sentences(md, {format = "text"}) do n = n + 1 end
  ok("format: sentences()", n == 3, n)
  ok("format: new()", rs.new{format = "text"}.analyze(md).format == "text")
  local page = read("article.txt")
  ok("all: every block counts", rs.analyze(page, {all = true}).counts.words == 645
    and rs.analyze(page).counts.words == 435)
  ok("bad format", raises(function() rs.analyze("x", {format = "pdf"}) end,
    "option 'format' must be \"text\", \"markdown\", \"html\" or \"auto\""))
  ok("bad all", raises(function() rs.analyze("x", {all = 1}) end, "option 'all' must be a boolean"))
end

-- 7. Metadata.
do
  local a = rs.analyzer{meta = {title = "Given", n = 3}}
  a:meta("author", "Ann")
  a:feed("# Own Title\n\nText of it.\n")
  local art = a:finish()
  ok("meta: given wins", art.meta.title == "Given" and art.meta.n == "3"
    and art.meta.author == "Ann", art.meta.title)
  ok("meta: after input", raises(function()
    local b = rs.analyzer()
    b:feed("x")
    b:meta("k", "v")
  end, "analyzer:meta: set metadata before any input"))
  ok("meta: bad value", raises(function() rs.analyzer{meta = {k = {}}} end,
    "the value of 'k' must be a string or a number"))
end

-- 8. Errors: clear messages, and an analysis that failed stays ended.
do
  local a = rs.analyzer()
  a:feed("One sentence.")
  a:finish()
  ok("feed after finish", raises(function() a:feed("x") end,
    "analyzer:feed: the analysis has ended"))
  ok("finish twice", raises(function() a:finish() end, "analyzer:finish: the analysis has ended"))
  ok("tostring", tostring(a) == "readstat.analyzer (ended)")

  local b = rs.analyzer{on_block = function() error("no thanks") end}
  b:feed("Some text. More of it.")
  local good, err = pcall(b.finish, b)
  ok("on_block error", not good and tostring(err):find("analyzer:finish: on_block failed: ", 1, true)
    and tostring(err):find("no thanks", 1, true), err)
  ok("on_block error ends it", raises(function() b:feed("x") end, "the analysis has ended"))

  local object = {}
  local c = rs.analyzer{on_block = function() error(object) end}
  c:feed("Text.")
  local _, e = pcall(c.finish, c)
  ok("on_block error object kept", e == object)

  -- an error in a streamed window comes out of the feed that closed it
  local d = rs.analyzer{on_block = function(blk) if blk.index == 1500 then error("late") end end}
  local line = ("A line of words. "):rep(10) .. "\n\n"
  local fed, err2 = pcall(function() for _ = 1, 4000 do d:feed(line) end end)
  ok("on_block error during feed", not fed and tostring(err2):find("analyzer:feed: on_block failed", 1, true), err2)

  local e2
  e2 = rs.analyzer{on_block = function() e2:feed("more") end}
  e2:feed("Text.")
  ok("no feed from on_block", raises(function() e2:finish() end,
    "analyzer:feed: not from inside on_block"))
  local e3
  e3 = rs.analyzer{on_block = function() e3:close() end}
  e3:feed("Text.")
  ok("no close from on_block", raises(function() e3:finish() end,
    "analyzer:close: not from inside on_block"))

  ok("binary", raises(function()
    local x = rs.analyzer()
    x:feed("abc\0def")
    x:finish()
  end, "binary file (contains NUL bytes)"))
  ok("binary, long", raises(function()
    local x = rs.analyzer()
    local words = ("word "):rep(100000)
    for _ = 1, 4 do x:feed(words) end
    x:feed("\0")
    for _ = 1, 4 do x:feed(words) end
  end, "analyzer:feed: binary file (contains NUL bytes)"))
  ok("stream with detail", raises(function() rs.analyzer{stream = true, detail = true} end,
    "options 'stream' and 'detail' do not go together"))
  ok("unknown option", raises(function() rs.analyzer{bogus = 1} end,
    "unknown option 'bogus' (expected lang, wpm, cjk_cpm, detail, format, all, stream, on_block, meta)"))
  ok("on_block not a function", raises(function() rs.analyzer{on_block = 1} end,
    "option 'on_block' must be a function"))
  ok("feed needs a string", raises(function() rs.analyzer():feed({}) end, "string expected"))
  ok("not an analyzer", raises(function() local x = rs.analyzer(); x.feed({}, "a") end,
    "readstat analyzer expected"))

  local closed = rs.analyzer()
  do
    local scoped <close> = closed
    scoped:feed("Text.")
  end
  ok("to-be-closed", tostring(closed) == "readstat.analyzer (ended)")
end

-- 9. The safe module returns nil, message from the methods too.
do
  local a = safe.analyzer{on_block = function() error("inner") end}
  ok("safe: feed returns the analyzer", a:feed("Text here.") == a)
  local r, msg = a:finish()
  ok("safe: finish", r == nil and tostring(msg):find("on_block failed", 1, true), msg)
  local r2, msg2 = a:feed("x")
  ok("safe: feed after", r2 == nil and msg2:find("the analysis has ended", 1, true), msg2)
  local r3, msg3 = safe.analyzer{format = 1}
  ok("safe: bad option", r3 == nil and msg3:find("option 'format'", 1, true), msg3)
  local s = safe.analyzer()
  s:feed("Good text. Two sentences.")
  ok("safe: a good run", s:finish().counts.sentences == 2)
end

checks.done()
