// Exports the CMU Pronouncing Dictionary as "word<TAB>counts", one word a
// line, counts = the syllable counts of all its pronunciations, comma
// separated, first pronunciation first.  A syllable is a vowel phoneme, i.e.
// a phoneme carrying a stress digit (0, 1 or 2).
//
// Usage (the package is a development input, installed outside the repo):
//   mkdir -p /tmp/cmu && cd /tmp/cmu && npm init -y && npm install cmu-pronouncing-dictionary
//   node tools/syllables/export_cmu.js /tmp/cmu > /tmp/cmu/cmu_counts.tsv
//
// Keys kept: lowercase, matching ^[a-z][a-z'-]*$ (abbreviations with dots,
// digits and other punctuation are skipped).  "word(2)" is a variant
// pronunciation of "word".
//
// CommonJS on purpose: runs on any Node without a package.json here; the
// package itself is ESM, hence the dynamic import().
const path = require('node:path')
const {pathToFileURL} = require('node:url')

const dir = process.argv[2]
if (!dir) {
  process.stderr.write('usage: export_cmu.js DIR_WITH_node_modules\n')
  process.exit(2)
}
const entry = path.join(dir, 'node_modules', 'cmu-pronouncing-dictionary', 'index.js')

async function main() {
  const {dictionary} = await import(pathToFileURL(entry).href)

  const counts = new Map()
  for (const [rawKey, phones] of Object.entries(dictionary)) {
    const key = rawKey.toLowerCase().replace(/\(\d+\)$/, '')
    if (!/^[a-z][a-z'-]*$/.test(key)) continue
    const n = phones.split(' ').filter((p) => /[012]$/.test(p)).length
    if (!counts.has(key)) counts.set(key, [])
    const list = counts.get(key)
    // The main entry's count goes first, whatever order the variants come in.
    if (/\(\d+\)$/.test(rawKey)) list.push(n)
    else list.unshift(n)
  }

  const keys = [...counts.keys()].sort()
  const out = []
  for (const k of keys) {
    const uniq = [...new Set(counts.get(k))]
    out.push(k + '\t' + uniq.join(','))
  }
  process.stdout.write(out.join('\n') + '\n')
}

main().catch((error) => {
  process.stderr.write(String(error) + '\n')
  process.exit(1)
})
