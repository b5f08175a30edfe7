export interface SqlStatement {
  sql: string;
  /** 1-based line in the file where the statement's first token stands. */
  line: number;
}

/**
 * Splits a SQL script into statements at top-level semicolons, skipping those inside strings,
 * quoted identifiers, dollar-quoted bodies and comments. Running statements one at a time lets a
 * failing migration be reported with its file and line.
 */
export function splitSql(script: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = -1;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const n = script.length;
  const begin = () => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  const advance = (to: number) => {
    for (; i < to && i < n; i++) if (script[i] === '\n') line++;
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      advance(end < 0 ? n : end);
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (script[j] === '/' && script[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (script[j] === '*' && script[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      advance(j);
      continue;
    }
    if (/\s/.test(c)) {
      advance(i + 1);
      continue;
    }
    begin();
    if (c === ';') {
      const sql = script.slice(start, i).trim();
      if (sql) out.push({ sql, line: startLine });
      start = -1;
      advance(i + 1);
      continue;
    }
    if (c === "'") {
      const escaped = i > 0 && /[eE]/.test(script[i - 1]!) && !/\w/.test(script[i - 2] ?? ' ');
      let j = i + 1;
      while (j < n) {
        if (escaped && script[j] === '\\') j += 2;
        else if (script[j] === "'" && script[j + 1] === "'") j += 2;
        else if (script[j] === "'") break;
        else j++;
      }
      advance(j + 1);
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && !(script[j] === '"' && script[j + 1] !== '"')) j += script[j] === '"' ? 2 : 1;
      advance(j + 1);
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (m && !/[A-Za-z0-9_]/.test(script[i - 1] ?? ' ')) {
        const tag = m[0];
        const end = script.indexOf(tag, i + tag.length);
        advance(end < 0 ? n : end + tag.length);
        continue;
      }
    }
    advance(i + 1);
  }
  if (start >= 0) {
    const sql = script.slice(start).trim();
    if (sql) out.push({ sql, line: startLine });
  }
  return out;
}
