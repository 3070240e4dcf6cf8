import { CrewScreen } from '../../features/crew/crew-screen.tsx';
import { useOnline } from '../../sync/sync-context.tsx';
import { useCrew } from '../crew/crew-context.tsx';

/** Crew mode's screen, fed by the crew that the shell holds (app/crew). */
export function CrewRoute() {
  const crew = useCrew();
  const online = useOnline();
  return (
    <CrewScreen
      people={crew.people}
      online={online}
      onSetOwnPin={crew.setOwnPin}
      onJoin={crew.join}
      onLeave={crew.leave}
    />
  );
}
