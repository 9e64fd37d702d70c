import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onReset(): void;
}

/** A screen that throws shows what happened and a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="screen" role="alert">
        <h1>This screen ran into a problem</h1>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={this.props.onReset}>
          Back to Sale
        </button>
      </main>
    );
  }
}
