// Globs for the config's matchers and the file tables: `**` spans directories, `*` and `?` stay
// within one path segment, `{a,b}` is either. Hosts have no `/`, so there `*` spans dots:
// `*.example.com` matches `db.eu.example.com`.
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string, flags = ""): RegExp {
  const cacheKey = `${flags}:${glob}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        source += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else {
        source += "[^/]*";
      }
    } else if (c === "?") {
      source += "[^/]";
    } else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end === -1) {
        source += "\\{";
      } else {
        source += `(?:${glob.slice(i + 1, end).split(",").map(escape).join("|")})`;
        i = end;
      }
    } else {
      source += escape(c);
    }
  }
  const regexp = new RegExp(`^${source}$`, flags);
  cache.set(cacheKey, regexp);
  return regexp;
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

export function matchesGlob(value: string, glob: string, options: { ignoreCase?: boolean } = {}): boolean {
  return globToRegExp(glob, options.ignoreCase ? "i" : "").test(value);
}
