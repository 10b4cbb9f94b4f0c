import { describe, expect, it } from 'vitest';
import { checkB1, isExplained, sentencesOf, wordsOf } from './readability.ts';

const rules = (text: string) => checkB1(text).issues.map((i) => i.rule);

describe('B1 readability check', () => {
  it('accepts short sentences with common words', () => {
    const report = checkB1(
      'U krijgt € 123 per maand. Dat komt zo: uw inkomen is € 19.000. Klopt dit niet? Bel ons.',
    );
    expect(report.ok).toBe(true);
    expect(report.stats.sentences).toBe(4);
  });

  it('keeps amounts whole and does not end a sentence inside them', () => {
    expect(wordsOf('Dat is € 1.483,07 per jaar.')).toEqual(['Dat', 'is', '1.483,07', 'per', 'jaar']);
    expect(sentencesOf('U krijgt € 1.483,07. Per maand is dat € 123.')).toEqual([
      'U krijgt € 1.483,07.',
      'Per maand is dat € 123.',
    ]);
  });

  it('flags a sentence of more than 20 words', () => {
    const long =
      'Wij hebben op basis van de gegevens die wij van de Belastingdienst en van uw zorgverzekeraar hebben ontvangen besloten dat u recht heeft.';
    expect(rules(long)).toContain('sentence-length');
  });

  it('flags long words and long average word length', () => {
    expect(
      rules('Inkomensafhankelijke tegemoetkomingsregelingen vereisen uitvoeringsbeschikkingen.'),
    ).toEqual(expect.arrayContaining(['long-words', 'word-length']));
  });

  it('flags officialese and abbreviations', () => {
    expect(rules('Ingevolge de wet krijgt u geld.')).toContain('forbidden-word');
    expect(rules('Dit staat in art. 2 van de Wzt.')).toEqual(['abbreviation', 'abbreviation']);
  });

  it('allows a legal term only when the same text explains it', () => {
    expect(rules('Uw toetsingsinkomen is € 20.000.')).toContain('unexplained-jargon');
    expect(isExplained('Dit bedrag heet de normpremie.', 'normpremie')).toBe(true);
    expect(isExplained('Curatele betekent dat een ander beslist.', 'curatele')).toBe(true);
    expect(isExplained('Uw vermogen (spaargeld en beleggingen) is te hoog.', 'vermogen')).toBe(true);
    expect(isExplained('Uw vermogen is te hoog.', 'vermogen')).toBe(false);
  });
});
