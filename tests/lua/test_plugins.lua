-- test_plugins.lua: the bundled rule sets on the examples and on texts
-- made to trip each assessment.
--
-- Usage: lua5.4 test_plugins.lua PLUGINS_DIR EXAMPLES_DIR (LUA_CPATH -> readstat.so)

local plugins, examples = assert(arg[1]), assert(arg[2])
local rs = require "readstat"

package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
local checks = require "checks"
local ok = checks.ok
local read = checks.read
local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end
local function check(res, name)
  for _, c in ipairs(res.checks) do if c.name == name then return c end end
end

local yoast = rs.rules(plugins .. "/yoast.lua")
local editorial = rs.rules(plugins .. "/editorial.lua")
local newsletter = rs.rules(plugins .. "/newsletter.lua")

-- Yoast ---------------------------------------------------------------------

local short = yoast:run(read(examples .. "/short.txt"))
ok("yoast short: no rule errors", #short.errors == 0, short.errors[1] and short.errors[1].message)
ok("yoast short: eight assessments and overall", #short.checks == 9, #short.checks)
ok("yoast short: all green", check(short, "yoast-overall").passed and short.scores.yoast == 90)
ok("yoast short: tagged readability-good", has(short.tags, "readability-good"))

local article = yoast:run(read(examples .. "/article.txt"))
ok("yoast article: no rule errors", #article.errors == 0)
local sub = check(article, "yoast-subheading-distribution")
ok("yoast article: subheadings red, pointing at a section", not sub.passed and sub.level == "error"
  and sub.where[1] and sub.where[1].kind == "section", sub.message)

-- Long sentences: 2 of 3 sentences over 20 words
local long = "This first sentence is deliberately made far longer than any reader would like, with clause after clause piled up until it passes twenty words. "
  .. "Short one here. "
  .. "Another sentence that goes on and on, adding words for no good reason at all, simply to push the count well beyond the twenty word limit."
local r = yoast:run(long)
local c = check(r, "yoast-sentence-length")
ok("yoast sentence length: red", not c.passed and c.level == "error", c.message)
ok("yoast sentence length: points at the two long sentences", #c.where == 2 and c.where[1].kind == "sentence"
  and c.where[1].index == 1 and c.where[2].index == 3)

-- Paragraph of 170 words: orange
local para = string.rep("Cats nap in warm spots. ", 34)
c = check(yoast:run(para), "yoast-paragraph-length")
ok("yoast paragraph length: orange at 170 words", not c.passed and c.level == "warning"
  and c.where[1].kind == "paragraph", c.message)

-- Passive voice: every sentence
c = check(yoast:run("The cake was eaten. The letters were written by hand. The house is being built."),
  "yoast-passive-voice")
ok("yoast passive voice: red with 3 of 3", not c.passed and c.level == "error" and #c.where == 3, c.message)
c = check(yoast:run("The cat ate the cake. She wrote the letters. They build the house."), "yoast-passive-voice")
ok("yoast passive voice: green for active sentences", c.passed, c.message)

-- Consecutive sentences starting alike
c = check(yoast:run("The sun rose. The birds sang. The town woke. Then we left."), "yoast-consecutive-sentences")
ok("yoast consecutive: three 'The' in a row is red", not c.passed and #c.where == 3, c.message)

-- Flesch
c = check(yoast:run("Notwithstanding institutional considerations, organisational restructuring necessitates comprehensive reevaluation. Administrative responsibilities consequently intensify considerably."),
  "yoast-flesch-reading-ease")
ok("yoast Flesch: red for a hard text", not c.passed and c.level == "error", c.message)

-- Transition words on a 200+ word text without any
local plain = string.rep("The dog runs in the park with a red ball. ", 25)
c = check(yoast:run(plain), "yoast-transition-words")
ok("yoast transition words: red with none", not c.passed and c.level == "error", c.message)
local linked = string.rep("However, the dog runs in the park. For example, it likes the ball. ", 15)
c = check(yoast:run(linked), "yoast-transition-words")
ok("yoast transition words: green with many", c.passed, c.message)

-- Text presence
c = check(yoast:run("Too short."), "yoast-text-presence")
ok("yoast text presence: red under 50 characters", not c.passed)
local bad = yoast:run(long .. " " .. string.rep("x ", 10))
ok("yoast overall: orange or red lowers the score", bad.scores.yoast < 90)

-- Editorial ----------------------------------------------------------------

local e = editorial:run(read(examples .. "/short.txt"))
ok("editorial short: quick-read, not long-read", has(e.tags, "quick-read") and not has(e.tags, "long-read"))
ok("editorial: no rule errors", #e.errors == 0, e.errors[1] and e.errors[1].message)
local book = string.rep("Rivers carve valleys over many thousands of years. ", 500)
e = editorial:run(book)
ok("editorial: 4,000 words is a long-read", has(e.tags, "long-read") and not has(e.tags, "quick-read"))
ok("editorial: ease score", math.abs(e.scores.ease - rs.analyze(book).readability.flesch_reading_ease) < 1e-9)
e = editorial:run("7 Ways to Save Water at Home\n\nWater is precious, and most homes waste a lot of it every day without noticing. "
  .. "These simple habits cut the bill and help the river.\n\nTurn off the tap while you brush your teeth, and fix any drip you hear at night.\n")
ok("editorial: a numbered title makes a listicle", has(e.tags, "listicle"), table.concat(e.tags, ","))
e = editorial:run("Why the River Floods Every Spring\n\n" .. string.rep("Snow melts in the hills and the water runs down to the valley. ", 40))
ok("editorial: a why-title on a long text makes an explainer", has(e.tags, "explainer"), table.concat(e.tags, ","))
local hard = "Notwithstanding institutional considerations, organisational restructuring necessitates comprehensive reevaluation."
ok("editorial: needs-edit for a hard text", has(editorial:run(hard).tags, "needs-edit"))
ok("editorial: data-heavy", has(editorial:run("Sales rose 12 percent to 4,500 units in 2023 from 4,000 in 2022."
  .. " Costs fell 3 percent.").tags, "data-heavy"))
ok("editorial: not data-heavy without numbers", not has(editorial:run(book).tags, "data-heavy"))
local wall = string.rep("Words keep coming without a break. ", 50)
c = check(editorial:run(wall), "wall-of-text")
ok("editorial: wall-of-text points at the paragraph", not c.passed and c.level == "info" and #c.where == 1)

-- Newsletter ---------------------------------------------------------------

local text = read(examples .. "/sections.txt")
local n0 = newsletter:run(text, { date = "2024-05-01", today = "2024-05-01" })
local n7 = newsletter:run(text, { date = "2024-05-01", today = "2024-05-08" })
ok("newsletter: fresh today", math.abs(n0.scores.freshness - 100) < 1e-9, n0.scores.freshness)
ok("newsletter: half as fresh after 7 days", math.abs(n7.scores.freshness - 50) < 1e-9, n7.scores.freshness)
ok("newsletter: score falls with age", n7.scores.newsletter < n0.scores.newsletter)
local old = newsletter:run(text, { date = "2024-01-01", today = "2024-05-01" })
c = check(old, "newsletter-fresh")
ok("newsletter: stale warning", not c.passed and c.level == "warning", c.message)
c = check(newsletter:run(text), "newsletter-fresh")
ok("newsletter: undated is info", not c.passed and c.level == "info")

checks.done()
