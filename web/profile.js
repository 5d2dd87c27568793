// Profile objects: the frozen object resolve() returns, built from the raw
// fields lc_profile copies out of the snapshot (ProfileFields, wasm/abi.h).
//
// One object per profile per snapshot version (DESIGN.md §1), built on the
// first resolve of that profile after a swap. Building allocates nothing in
// wasm memory and calls no Embind (the main thread must never wait on
// malloc's lock, which the hydration thread holds while it hydrates;
// e2e/readpath.spec.js checks it). Little JS garbage either: parts equal to
// the previous version's object for the same index (strings, the morphology)
// are reused, the rest is shared by content, so a swap that leaves a profile
// unchanged costs one new object for it.
import { PROFILE as PF, PROFILE_STRING as STR, VOCABULARY as V } from './dist/abi.js';
import { decodeUtf8 } from './utf8.js';

const newParts = () => ({ plural: new Map(), grammar: new Map(), sources: new Map(), wals: new Map(), autotyp: new Map(),
  names: { plural: new Map(), gender: new Map(), case: new Map() } });

export class ProfileBuilder {
  #fields; // Uint32Array over ProfileFields
  #text;   // Uint8Array over ProfileFields::text
  #parts = newParts(); // shared frozen parts, by content

  /** Forgets the shared parts: the next build makes its own again, as a page's first one does (Registry#warm). */
  forgetParts() { this.#parts = newParts(); }

  /** Views of the fields at `address` (lc_profile_fields()) in wasm memory `buffer`; again whenever the buffer changes. */
  views(buffer, address) {
    this.#fields = new Uint32Array(buffer, address, PF.WORDS);
    this.#text = new Uint8Array(buffer, address + PF.TEXT, PF.TEXT_BYTES);
  }

  /** The frozen profile in the fields lc_profile just wrote, for `version`; `prev` is this index's object of an older version. */
  build(version, prev) {
    const w = this.#fields;
    const p = prev !== undefined;
    const morphSource = w[PF.MORPHOLOGY_SOURCE];
    const type = V.morphologyType[w[PF.MORPHOLOGY_TYPE]], mSource = V.morphologySource[morphSource];
    const wals = this.#wals(), distance = w[PF.DISTANCE];
    const evidence = w[PF.EVIDENCE], confidence = w[PF.CONFIDENCE] / 100, autotyp = this.#autotyp(evidence);
    const rule = V.morphologyRule[(evidence >>> 26) & 15], creole = (evidence & 0x40) !== 0;
    let morphology;
    if (p && prev.morphology.type === type && prev.morphology.source === mSource && prev.morphology.distance === distance &&
        prev.morphology.wals === wals && prev.morphology.autotyp === autotyp && prev.morphology.confidence === confidence &&
        prev.morphology.rule === rule && prev.morphology.creole === creole && (morphSource === 0 ? prev.morphology.relative === null
          : prev.morphology.relative !== null && this.#sameString(STR.RELATIVE, prev.morphology.relative))) {
      morphology = prev.morphology;
    } else {
      morphology = Object.freeze({
        type, source: mSource, relative: morphSource !== 0 ? this.#string(STR.RELATIVE) : null, distance, confidence, rule,
        wals, autotyp, creole, creoleSource: creole ? ((evidence & 0x80) !== 0 ? 'autotyp' : 'glottolog') : null,
      });
    }
    return Object.freeze({
      tag: p && this.#sameString(STR.TAG, prev.tag) ? prev.tag : this.#string(STR.TAG),
      maximized: p && this.#sameString(STR.MAXIMIZED, prev.maximized) ? prev.maximized : this.#string(STR.MAXIMIZED),
      language: p && this.#sameString(STR.LANGUAGE, prev.language) ? prev.language : this.#string(STR.LANGUAGE),
      script: p && this.#sameString(STR.SCRIPT, prev.script) ? prev.script : this.#string(STR.SCRIPT),
      region: p && this.#sameString(STR.REGION, prev.region) ? prev.region : this.#string(STR.REGION),
      name: p && this.#sameString(STR.NAME, prev.name) ? prev.name : this.#string(STR.NAME),
      direction: V.direction[w[PF.DIRECTION]],
      writingMode: V.writingMode[w[PF.WRITING_MODE]],
      written: !this.#sameString(STR.SCRIPT, 'Zxxx'), // SIL langtags: unwritten languages have script Zxxx
      segmentation: V.segmentation[w[PF.SEGMENTATION]],
      morphology,
      plural: this.#plural(),
      grammar: this.#grammar(),
      sources: this.#sources(morphSource),
      version,
    });
  }

  // String `i` of the profile fields, decoded.
  #string(i) {
    const w = this.#fields;
    return decodeUtf8(this.#text, w[PF.STRING_OFFSET + i], w[PF.STRING_LENGTH + i]);
  }

  // Whether string `i` of the profile fields is `s`, without making a string.
  // False for any non-ASCII string (then it is decoded: correct, just not reused).
  #sameString(i, s) {
    const w = this.#fields, bytes = this.#text;
    const at = w[PF.STRING_OFFSET + i], n = w[PF.STRING_LENGTH + i];
    if (s.length !== n) return false;
    for (let k = 0; k < n; k++) if (s.charCodeAt(k) !== bytes[at + k] || bytes[at + k] > 0x7f) return false;
    return true;
  }

  // The AUTOTYP values of the packed evidence word (wasm/profile_object.cpp) as
  // {nounIncorporation, verbCategories, verbFormatives, exponence, flexivity,
  // nounPolyexponence}, only those with a datum; frozen, shared by content.
  #autotyp(evidence) {
    const key = evidence & 0x03ffff3f; // without the contact bits and the rule
    let o = this.#parts.autotyp.get(key);
    if (o === undefined) {
      o = {};
      const tri = (shift, name) => { const t = (evidence >>> shift) & 3; if (t !== 0) o[name] = t === 2; };
      tri(0, 'nounIncorporation');
      if ((evidence >>> 8) & 0xff) o.verbCategories = ((evidence >>> 8) & 0xff) - 1;
      if ((evidence >>> 16) & 0xff) o.verbFormatives = ((evidence >>> 16) & 0xff) - 1;
      if ((evidence >>> 24) & 3) o.exponence = V.exponence[(evidence >>> 24) & 3];
      tri(2, 'flexivity');
      tri(4, 'nounPolyexponence');
      this.#parts.autotyp.set(key, Object.freeze(o));
    }
    return o;
  }

  // Frozen parts shared by every profile with the same content, in every
  // version (profiles are frozen, so equal parts can be one object).
  #plural() {
    const w = this.#fields, key = w[PF.PLURAL_CARDINAL] | (w[PF.PLURAL_ORDINAL] << 8);
    let o = this.#parts.plural.get(key);
    if (o === undefined) {
      o = Object.freeze({ cardinal: this.#names('plural', w[PF.PLURAL_CARDINAL]), ordinal: this.#names('plural', w[PF.PLURAL_ORDINAL]) });
      this.#parts.plural.set(key, o);
    }
    return o;
  }

  #grammar() {
    const w = this.#fields, key = w[PF.GENDERS] * 2 ** 32 + w[PF.CASES];
    let o = this.#parts.grammar.get(key);
    if (o === undefined) {
      o = Object.freeze({ genders: this.#names('gender', w[PF.GENDERS]), cases: this.#names('case', w[PF.CASES]) });
      this.#parts.grammar.set(key, o);
    }
    return o;
  }

  #sources(morphSource) {
    const w = this.#fields;
    const key = w[PF.MAXIMIZED_SOURCE] | (w[PF.DIRECTION_SOURCE] << 2) | (w[PF.SEGMENTATION_SOURCE] << 4) |
      (w[PF.CARDINAL_SOURCE] << 5) | (w[PF.ORDINAL_SOURCE] << 7) | (w[PF.GRAMMAR_SOURCE] << 9) | (morphSource << 11);
    let o = this.#parts.sources.get(key);
    if (o === undefined) {
      o = Object.freeze({
        maximized: V.maximizedSource[w[PF.MAXIMIZED_SOURCE]],
        direction: V.directionSource[w[PF.DIRECTION_SOURCE]],
        segmentation: V.segmentationSource[w[PF.SEGMENTATION_SOURCE]],
        cardinal: V.pluralSource[w[PF.CARDINAL_SOURCE]],
        ordinal: V.pluralSource[w[PF.ORDINAL_SOURCE]],
        grammar: V.grammarSource[w[PF.GRAMMAR_SOURCE]],
        morphology: V.morphologySource[morphSource],
      });
      this.#parts.sources.set(key, o);
    }
    return o;
  }

  // The WALS values as {feature: value}.
  #wals() {
    const w = this.#fields;
    let key = 0;
    for (let f = 0; f < V.wals.length; f++) key = key * 256 + (w[PF.WALS + f] & 0xff);
    let o = this.#parts.wals.get(key);
    if (o === undefined) {
      o = {};
      V.wals.forEach((feature, f) => { if (w[PF.WALS + f] !== 0) o[feature] = w[PF.WALS + f]; });
      this.#parts.wals.set(key, Object.freeze(o));
    }
    return o;
  }

  // The names of the bits set in `mask` of vocabulary table `table`, as a frozen array.
  #names(table, mask) {
    const byMask = this.#parts.names[table];
    let a = byMask.get(mask);
    if (a === undefined) {
      a = Object.freeze(V[table].filter((_, i) => (mask & (2 ** i)) !== 0));
      byMask.set(mask, a);
    }
    return a;
  }
}
