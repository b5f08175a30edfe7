import { describe, expect, it } from 'vitest';
import { splitSql } from './sql-split';

describe('splitSql', () => {
  it('splits at top-level semicolons and reports the line each statement starts on', () => {
    const script =
      "-- header\ncreate table a (x int);\n\n/* note; still a comment */\ninsert into a values (1);\nselect 'a;b'";
    expect(splitSql(script)).toEqual([
      { sql: 'create table a (x int)', line: 2 },
      { sql: 'insert into a values (1)', line: 5 },
      { sql: "select 'a;b'", line: 6 },
    ]);
  });

  it('keeps dollar-quoted bodies, quoted identifiers and escaped strings whole', () => {
    const script = [
      'create function f() returns int language plpgsql as $body$',
      'begin perform 1; return 2; end',
      '$body$;',
      "select \"we;ird\" from t where s = E'it\\'s;' and d = $$x;y$$ and q = 'a''b;';",
    ].join('\n');
    const parts = splitSql(script);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.sql).toContain('return 2; end');
    expect(parts[1]).toMatchObject({ line: 4 });
    expect(parts[1]?.sql.endsWith("'a''b;'")).toBe(true);
  });

  it('returns nothing for a script of comments and whitespace', () => {
    expect(splitSql('-- only\n/* comments */\n\n')).toEqual([]);
  });
});
