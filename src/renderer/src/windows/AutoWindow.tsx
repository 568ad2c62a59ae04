import { useEffect } from 'react';
import { AutoPositions } from '../auto/AutoPositions';
import { watchAuto } from '../auto/autoStore';
import { DecisionFeed } from '../auto/DecisionFeed';
import { EngineModeBar } from '../auto/EngineModeBar';
import { GateBoard } from '../auto/GateBoard';
import { PresetEditor } from '../auto/PresetEditor';
import { SessionStats } from '../auto/SessionStats';
import '../auto/auto.css';

/**
 * The auto-trade panel (issue 13): mode and kill state on top, the session and open positions, the
 * gate board beside the decision feed, and the preset editor. The header's kill switch (and F8) is the
 * one in every window.
 */
export function AutoWindow(): React.JSX.Element {
  useEffect(() => watchAuto(), []);
  return (
    <div className="auto-window">
      <EngineModeBar />
      <div className="auto-top">
        <SessionStats />
        <AutoPositions />
      </div>
      <div className="auto-middle">
        <GateBoard />
        <DecisionFeed />
      </div>
      <PresetEditor />
    </div>
  );
}
