/** A one-line progress bar on stderr, redrawn at most ten times a second. */
export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(): void {
    this.done++;
    const now = performance.now();
    if (now - this.lastDraw >= 100 || this.done === this.total) {
      this.lastDraw = now;
      this.draw();
    }
  }

  finish(): void {
    this.draw();
    this.out.write('\n');
  }

  private draw(): void {
    const width = 30;
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * width);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    this.out.write(`\r${this.label} [${bar}] ${this.done}/${this.total} ${rate.toFixed(1)}/s eta ${eta}s `);
  }
}
