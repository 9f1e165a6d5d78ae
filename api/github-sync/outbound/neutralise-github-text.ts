// U+200B: invisible on GitHub's page, but it stops GitHub from reading what follows as a mention or
// a reference, so reporters' text never notifies anyone, links an issue or closes one.
const zeroWidthSpace = '\u200B';

const closingKeyword =
  /\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(:?\s+)(?=(?:[\w.-]+\/[\w.-]+)?#\d|https?:\/\/\S+\/(?:issues|pull)\/\d)/gi;

// A link to an issue, pull request or discussion on github.com creates a cross-reference on it.
const githubItemLink =
  /(https?:\/\/(?:www\.)?github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|pulls|discussions)\/)(?=\d)/gi;

/**
 * Makes text written in Fieldtest inert on GitHub: @mentions (people and teams), closing keywords
 * followed by an issue reference, plain `#N`, `owner/repo#N` and `GH-N` references, links to
 * issues and pull requests on github.com (the number stops being part of the link), and HTML
 * comments (which could hide text from engineering or forge the sync's hidden markers).
 * Applied everywhere, code included: GitHub's code-span rules are subtle, a missed case would
 * notify a stranger, and the inserted character is invisible.
 */
export function neutraliseGithubText(text: string): string {
  return text
    .replace(
      closingKeyword,
      (_match, keyword: string, gap: string) => `${keyword[0]}${zeroWidthSpace}${keyword.slice(1)}${gap}`,
    )
    .replace(/@(?=[A-Za-z0-9])/g, `@${zeroWidthSpace}`)
    .replace(/#(?=\d)/g, `#${zeroWidthSpace}`)
    .replace(githubItemLink, `$1${zeroWidthSpace}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${zeroWidthSpace}`)
    .replace(/<!--/g, `<${zeroWidthSpace}!--`);
}
