import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Grid, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe, type Me } from '@/lib/session';
import { useLogout } from '../api';
import { LOGIN_PATH } from '../session';

const SIDES: Readonly<Record<string, string>> = { client: 'Client', epc: 'EPC', contractor: 'Contractor' };

/** "Contractor · Grade C": the company side and grade that decide what the user may do. */
function standing(me: Me): string {
  const side = me.company === null ? null : (SIDES[me.company.side] ?? me.company.side);
  return [side, me.grade === '' ? null : `Grade ${me.grade}`].filter((part) => part !== null).join(' · ');
}

/** Who is signed in, their company and standing, and log-out. */
export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { md = false } = Grid.useBreakpoint();
  const description = standing(me);

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'who',
      label: (
        <>
          <div>{me.email}</div>
          {me.company !== null && <div>{me.company.name}</div>}
        </>
      ),
      children: [{ key: 'logout', icon: <LogoutOutlined aria-hidden />, label: 'Log out', danger: true }],
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key !== 'logout') return;
    logout.mutate(undefined, {
      onSuccess: () => void navigate(LOGIN_PATH, { replace: true }),
      onError: (error) => void message.error(`Not logged out: ${error.message}`),
    });
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button
        type="text"
        icon={<UserOutlined aria-hidden />}
        loading={logout.isPending}
        aria-label={`User menu: ${me.name}${description === '' ? '' : `, ${description}`}`}
        style={{ color: 'inherit' }}
      >
        {/* A phone's header has room for the icon alone: the label still names the user. */}
        {md && me.name}
        {md && description !== '' && <span style={{ opacity: 0.75 }}>({description})</span>}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
