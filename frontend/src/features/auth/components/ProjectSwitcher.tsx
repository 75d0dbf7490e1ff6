import { Select, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '@/lib/session';
import { projectPath, useCurrentProject } from '@/lib/session/currentProject';

interface ProjectSwitcherProps {
  /** Paths that make sense in any project; elsewhere (a permit of the old project) switching goes home. */
  projectPaths: readonly string[];
  homePath: string;
}

/** The current project; a choice among them when the user is a member of several. */
export function ProjectSwitcher({ projectPaths, homePath }: ProjectSwitcherProps) {
  const { memberships } = useMe();
  const { project } = useCurrentProject();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  if (memberships.length < 2) {
    return (
      <Typography.Text style={{ color: 'inherit' }} ellipsis>
        {project.name}
      </Typography.Text>
    );
  }
  const target = projectPaths.includes(pathname) ? pathname : homePath;
  return (
    <Select
      aria-label="Project"
      value={project.id}
      style={{ minWidth: 160, maxWidth: 260 }}
      popupMatchSelectWidth={false}
      options={memberships.map(({ project: { id, name } }) => ({ value: id, label: name }))}
      onChange={(id) => void navigate(projectPath(target, id))}
    />
  );
}
