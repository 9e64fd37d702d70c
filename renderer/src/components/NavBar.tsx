import { screens } from '../screens/screen-list';
import { useAppStore } from '../stores/app-store';

export function NavBar() {
  const current = useAppStore((state) => state.screen);
  const go = useAppStore((state) => state.go);
  return (
    <nav className="nav" aria-label="Screens">
      {screens.map((screen) => (
        <button
          key={screen.id}
          type="button"
          aria-current={screen.id === current ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${screen.key}`}
          onClick={() => go(screen.id)}
        >
          {screen.label}
          <kbd aria-hidden="true">Alt+{screen.key}</kbd>
        </button>
      ))}
    </nav>
  );
}
