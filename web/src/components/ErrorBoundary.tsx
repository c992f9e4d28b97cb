import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps a bug in one page from blanking the whole radiator. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="error-view" aria-labelledby="crash-title">
          <h1 id="crash-title">This page failed to show</h1>
          <p>{this.state.error.message}</p>
          <p>Reload the page; if it happens again, please report it with the address above.</p>
        </section>
      );
    }
    return this.props.children;
  }
}
