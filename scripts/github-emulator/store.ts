/**
 * The emulator's GitHub data, in memory: repositories with their labels, issues and comments, and
 * the users that act on them. Records keep GitHub's identity rules (global ids, per-repository
 * issue numbers, case-insensitive label names); turning them into GitHub's JSON is github-shapes.ts.
 */
export type UserRecord = { login: string; id: number; type: 'User' | 'Bot' };

/** How a person stands with a repository, as GitHub's `author_association` says it. */
export type Association =
  | 'OWNER'
  | 'MEMBER'
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'MANNEQUIN'
  | 'NONE';

export type LabelRecord = { id: number; name: string; color: string; description: string | null };

export type RepoRecord = {
  id: number;
  owner: string;
  name: string;
  createdAt: number;
  labels: Map<string, LabelRecord>;
  issues: Map<number, IssueRecord>;
  nextNumber: number;
  /** Lower-cased login → standing; the owner is OWNER and anyone not listed NONE. */
  associations: Map<string, Association>;
};

export type StateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;

export type IssueRecord = {
  id: number;
  repo: RepoRecord;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: StateReason;
  /** Label names as stored on the repository (their case). */
  labels: string[];
  user: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  /** Set once the issue was moved: its old number answers 301 to the new one. */
  transferredTo: IssueRecord | null;
  deletedAt: number | null;
  timeline: TimelineRecord[];
};

/**
 * What GitHub's issue timeline records about duplicates, and the closes and reopens around them:
 * "Close as duplicate" (GraphQL's closeIssue with the original) and a "Duplicate of #N" comment by
 * someone with write access mark the issue; REST's close with state_reason duplicate does not.
 */
export type TimelineRecord = {
  kind: 'marked_as_duplicate' | 'unmarked_as_duplicate' | 'closed' | 'reopened';
  at: number;
  actor: string;
  /** marked/unmarked: the original the issue is (or no longer is) a duplicate of. */
  canonical?: IssueRecord;
};

export type CommentRecord = {
  id: number;
  issue: IssueRecord;
  body: string;
  user: string;
  createdAt: number;
  updatedAt: number;
};

export class Store {
  repos = new Map<string, RepoRecord>();
  comments = new Map<number, CommentRecord>();
  users = new Map<string, UserRecord>();
  private nextId = { repo: 700_000_001, issue: 2_000_000_001, comment: 3_000_000_001, label: 4_000_000_001, user: 1 };
  /**
   * The time people's acts are dated with: the wall clock, unless a test set it (control's clock),
   * so that a scripted history carries the times its webhooks say.
   */
  private clockAt: number | null = null;

  now(): number {
    return this.clockAt ?? Date.now();
  }

  setClock(at: number | null): void {
    this.clockAt = at;
  }

  reset(): void {
    this.clockAt = null;
    this.repos.clear();
    this.comments.clear();
    this.users.clear();
    this.nextId = { repo: 700_000_001, issue: 2_000_000_001, comment: 3_000_000_001, label: 4_000_000_001, user: 1 };
  }

  user(login: string): UserRecord {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      user = { login, id: this.nextId.user++, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  ensureRepo(owner: string, name: string): RepoRecord {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) {
      repo = {
        id: this.nextId.repo++,
        owner,
        name,
        createdAt: this.now(),
        labels: new Map(),
        issues: new Map(),
        nextNumber: 1,
        associations: new Map(),
      };
      this.repos.set(key, repo);
      this.user(owner);
    }
    return repo;
  }

  findRepo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /**
   * The author_association GitHub shows for a login on this repository. GitHub works it out when it
   * answers, so a comment's association follows its author's current standing (and its repository's,
   * after a transfer).
   */
  associationOf(repo: RepoRecord, login: string): Association {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
    return repo.associations.get(login.toLowerCase()) ?? 'NONE';
  }

  findLabel(repo: RepoRecord, name: string): LabelRecord | undefined {
    return repo.labels.get(name.toLowerCase());
  }

  /** GitHub creates a label the first time an issue is given an unknown one. */
  ensureLabel(repo: RepoRecord, name: string, color = 'ededed', description: string | null = null): LabelRecord {
    let label = this.findLabel(repo, name);
    if (!label) {
      label = { id: this.nextId.label++, name, color, description };
      repo.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  /** The stored names for the given ones, creating unknown labels, without duplicates. */
  labelNames(repo: RepoRecord, names: string[]): string[] {
    const result: string[] = [];
    for (const name of names) {
      const label = this.ensureLabel(repo, name);
      if (!result.includes(label.name)) result.push(label.name);
    }
    return result;
  }

  addIssue(
    repo: RepoRecord,
    fields: { title: string; body: string | null; labels: string[]; user: string },
  ): IssueRecord {
    const now = this.now();
    const issue: IssueRecord = {
      id: this.nextId.issue++,
      repo,
      number: repo.nextNumber++,
      title: fields.title,
      body: fields.body,
      state: 'open',
      stateReason: null,
      labels: this.labelNames(repo, fields.labels),
      user: fields.user,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      transferredTo: null,
      deletedAt: null,
      timeline: [],
    };
    this.user(fields.user);
    repo.issues.set(issue.number, issue);
    return issue;
  }

  addComment(issue: IssueRecord, body: string, user: string): CommentRecord {
    const now = this.now();
    const comment: CommentRecord = { id: this.nextId.comment++, issue, body, user, createdAt: now, updatedAt: now };
    this.user(user);
    this.comments.set(comment.id, comment);
    return comment;
  }

  commentsOf(issue: IssueRecord): CommentRecord[] {
    return [...this.comments.values()].filter((comment) => comment.issue === issue);
  }

  /** The issue whose GraphQL node id this is (issues are the only nodes the emulator resolves). */
  issueByNodeId(id: string): IssueRecord | undefined {
    for (const repo of this.repos.values()) {
      for (const issue of repo.issues.values()) if (issueNodeId(issue.id) === id) return issue;
    }
    return undefined;
  }

  /** Issues that still live in the repository (not moved away, not deleted). */
  liveIssues(repo: RepoRecord): IssueRecord[] {
    return [...repo.issues.values()].filter((issue) => !issue.transferredTo && issue.deletedAt === null);
  }
}

/** An issue's GraphQL node id, as `node_id` in its REST JSON. */
export function issueNodeId(id: number): string {
  return `I_kw${Buffer.from(String(id)).toString('base64url')}`;
}
