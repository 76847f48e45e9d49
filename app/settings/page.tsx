import { SettingsView } from '@/components/ipfs/settings-view';

export const metadata = { title: 'Settings · Carti Studio' };

export default function SettingsPage() {
  return <SettingsView />;
}
