// A Field whose control is several controls (inputs and a switch, a list of checkboxes): the label names the group,
// and each control keeps its own label and id. A plain Field hands its one control id and label to every control
// inside it, so the second and later ones end up with a duplicate id and no name a screen reader can say.
import { Field, FieldContextProvider, makeStyles, type FieldProps } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({ group: { display: 'flex', flexDirection: 'column' } });

export function FieldGroup({ children, ...field }: Omit<FieldProps, 'children'> & { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Field {...field}>
      {(group) => (
        <div role="group" {...group} className={styles.group}>
          <FieldContextProvider value={undefined}>{children}</FieldContextProvider>
        </div>
      )}
    </Field>
  );
}
